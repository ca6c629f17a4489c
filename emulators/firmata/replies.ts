// The static answers of a simulated StandardFirmata board, built from its chip's pin table: version, firmware name,
// capabilities and analog mapping, as protocol.md lays them out.
import type { Mcu } from '../../firmware/board/types';
import {
  ANALOG_MAPPING_RESPONSE, CAPABILITY_RESPONSE, END_SYSEX, NONE, PinMode, REPORT_FIRMWARE, REPORT_VERSION, START_SYSEX, STRING_DATA,
} from '../../hal/providers/bench/firmata-frames';

// Protocol 2.5 (SET_DIGITAL_PIN_VALUE, PULLUP mode, a report on enabling): what StandardFirmata 2.5 speaks.
const PROTOCOL_MAJOR = 2;
const PROTOCOL_MINOR = 5;
// An AVR's timers give 8-bit PWM.
const PWM_BITS = 8;
const DEFAULT_ADC_BITS = 12;

/** What one pin can do: its modes, each with its resolution in bits. */
export interface PinCapability { modes: Map<number, number>; analogChannel: number }

/**
 * Every pin from 0 to the highest GPIO: reserved and missing pins can do nothing; ADC pins get channels in order.
 * `pullUpMode` false: StandardFirmata before 2.5, which has no pull-up mode.
 */
export function capabilitiesOf(mcu: Mcu, pullUpMode = true): PinCapability[] {
  const count = Math.max(...mcu.gpio) + 1;
  const adc = [...mcu.adc].sort((a, b) => a - b);
  const pwm = mcu.pwm ?? [];
  const out: PinCapability[] = [];
  for (let pin = 0; pin < count; pin++) {
    const modes = new Map<number, number>();
    const usable = mcu.gpio.includes(pin) && mcu.reserved[String(pin)] === undefined;
    if (usable) {
      modes.set(PinMode.INPUT, 1);
      modes.set(PinMode.OUTPUT, 1);
      if (pullUpMode) modes.set(PinMode.PULLUP, 1);
      if (adc.includes(pin)) modes.set(PinMode.ANALOG, mcu.adcBits ?? DEFAULT_ADC_BITS);
      if (pwm.includes(pin)) modes.set(PinMode.PWM, PWM_BITS);
    }
    out.push({ modes, analogChannel: usable && adc.includes(pin) ? adc.indexOf(pin) : NONE });
  }
  return out;
}

export const versionReport = (): number[] => [REPORT_VERSION, PROTOCOL_MAJOR, PROTOCOL_MINOR];

/** Text as sysex data: each character as two 7-bit bytes, low bits first. */
function sevenBitText(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0x7f, (text.charCodeAt(i) >> 7) & 0x7f);
  return out;
}

export const firmwareReport = (name: string): number[] =>
  [START_SYSEX, REPORT_FIRMWARE, PROTOCOL_MAJOR, PROTOCOL_MINOR, ...sevenBitText(name), END_SYSEX];

export const stringData = (text: string): number[] => [START_SYSEX, STRING_DATA, ...sevenBitText(text), END_SYSEX];

/** Each pin's modes as (mode, resolution) pairs, each pin's list ended by 0x7F. */
export function capabilityResponse(pins: readonly PinCapability[]): number[] {
  const out = [START_SYSEX, CAPABILITY_RESPONSE];
  for (const p of pins) {
    for (const [mode, bits] of p.modes) out.push(mode, bits);
    out.push(NONE);
  }
  out.push(END_SYSEX);
  return out;
}

/** One byte per pin: its analog channel, or 0x7F. */
export function analogMappingResponse(pins: readonly PinCapability[]): number[] {
  return [START_SYSEX, ANALOG_MAPPING_RESPONSE, ...pins.map((p) => p.analogChannel), END_SYSEX];
}
