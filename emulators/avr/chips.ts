// The two chips the bench's boards carry, as avr8js needs them: ports, timers, USART and ADC at their addresses and
// interrupt vectors, each Firmata (Arduino) pin's port and bit, and where its StandardFirmata hex comes from.
import {
  adcConfig, ADCMuxInputType, atmega328Channels, portAConfig, portBConfig, portCConfig, portDConfig, portEConfig, portFConfig,
  portGConfig, portHConfig, portJConfig, portKConfig, portLConfig, timer0Config, timer1Config, timer2Config, usart0Config,
  type ADCConfig, type ADCMuxConfiguration, type AVRPortConfig, type AVRTimerConfig,
} from 'avr8js';

type USARTConfig = typeof usart0Config;

export interface AvrChip {
  /** The board files' `mcu`. */
  mcu: 'atmega328p' | 'atmega2560';
  /** The Arduino that carries it, in messages. */
  board: string;
  flashBytes: number;
  /** avr8js's data space past the first 256 bytes of registers: up to RAMEND (0x8FF on the 328P, 0x21FF on the 2560). */
  sramBytes: number;
  ports: AVRPortConfig[];
  /** Each Firmata pin: [index into `ports`, bit]. */
  pins: [number, number][];
  /** The first analog pin's Firmata number (A0): channel n is pin analog0 + n. */
  analog0: number;
  timers: AVRTimerConfig[];
  usart: USARTConfig;
  adc: ADCConfig;
  /** The hex inside the npm package, and its SHA-256 in that release. */
  hex: { member: string; sha256: string };
}

const range = (port: number, bits: number[]) => bits.map((bit): [number, number] => [port, bit]);

export const UNO: AvrChip = {
  mcu: 'atmega328p', board: 'Arduino Uno', flashBytes: 32 * 1024, sramBytes: 0x900 - 0x100,
  ports: [portBConfig, portCConfig, portDConfig],
  // D0–D7 on port D, D8–D13 on port B, A0–A5 (14–19) on port C.
  pins: [...range(2, [0, 1, 2, 3, 4, 5, 6, 7]), ...range(0, [0, 1, 2, 3, 4, 5]), ...range(1, [0, 1, 2, 3, 4, 5])],
  analog0: 14,
  timers: [timer0Config, timer1Config, timer2Config],
  usart: usart0Config,
  adc: adcConfig,
  hex: { member: 'junk/hex/uno/StandardFirmata.cpp.hex', sha256: '6d57ea7cf30e26c9c2f3a01ee37907d2c951f8bc9c27f84dddad12fa9c8b8f36' },
};

// The ATmega2560's registers sit where the 328P's do for timers 0–2, USART0 and the ADC; its interrupt vectors do
// not (its table is longer): vector n is at word 2n.
const vector = (n: number) => 2 * n;
const [A, B, C, D, E, F, G, H, J, K, L] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const megaChannels: ADCMuxConfiguration = { ...atmega328Channels };
// A8–A15: MUX5 (ADCSRB bit 3) set, read by avr8js as mux 0x20–0x27.
for (let ch = 0; ch < 8; ch++) megaChannels[0x20 + ch] = { type: ADCMuxInputType.SingleEnded, channel: 8 + ch };

export const MEGA: AvrChip = {
  mcu: 'atmega2560', board: 'Arduino Mega 2560', flashBytes: 256 * 1024, sramBytes: 0x2200 - 0x100,
  ports: [portAConfig, portBConfig, portCConfig, portDConfig, portEConfig, portFConfig, portGConfig, portHConfig, portJConfig, portKConfig, portLConfig],
  // The Mega's variant (pins_arduino.h, digital_pin_to_port_PGM and digital_pin_to_bit_mask_PGM).
  pins: [
    [E, 0], [E, 1], [E, 4], [E, 5], [G, 5], [E, 3], [H, 3], [H, 4], [H, 5], [H, 6], [B, 4], [B, 5], [B, 6], [B, 7],
    [J, 1], [J, 0], [H, 1], [H, 0], [D, 3], [D, 2], [D, 1], [D, 0],
    ...range(A, [0, 1, 2, 3, 4, 5, 6, 7]), ...range(C, [7, 6, 5, 4, 3, 2, 1, 0]),
    [D, 7], [G, 2], [G, 1], [G, 0], ...range(L, [7, 6, 5, 4, 3, 2, 1, 0]), ...range(B, [3, 2, 1, 0]),
    ...range(F, [0, 1, 2, 3, 4, 5, 6, 7]), ...range(K, [0, 1, 2, 3, 4, 5, 6, 7]),
  ],
  analog0: 54,
  timers: [
    { ...timer0Config, compAInterrupt: vector(21), compBInterrupt: vector(22), ovfInterrupt: vector(23), compPortA: portBConfig.PORT, compPinA: 7, compPortB: portGConfig.PORT, compPinB: 5, externalClockPort: portDConfig.PORT, externalClockPin: 7 },
    { ...timer1Config, captureInterrupt: vector(16), compAInterrupt: vector(17), compBInterrupt: vector(18), compCInterrupt: vector(19), ovfInterrupt: vector(20), OCRC: 0x8c, compPortA: portBConfig.PORT, compPinA: 5, compPortB: portBConfig.PORT, compPinB: 6, compPortC: portBConfig.PORT, compPinC: 7, externalClockPort: portDConfig.PORT, externalClockPin: 6 },
    { ...timer2Config, compAInterrupt: vector(13), compBInterrupt: vector(14), ovfInterrupt: vector(15), compPortA: portBConfig.PORT, compPinA: 4, compPortB: portHConfig.PORT, compPinB: 6 },
  ],
  usart: { ...usart0Config, rxCompleteInterrupt: vector(25), dataRegisterEmptyInterrupt: vector(26), txCompleteInterrupt: vector(27) },
  adc: { ...adcConfig, adcInterrupt: vector(29), numChannels: 16, muxInputMask: 0x3f, muxChannels: megaChannels },
  hex: { member: 'junk/hex/mega/StandardFirmata.cpp.hex', sha256: '44139612e9aa601f4e92c40cf7e72e3716871e43b2024323776d8b781d165e68' },
};

export const CHIPS: readonly AvrChip[] = [UNO, MEGA];

/** The chip for a board file's `mcu`, or an error naming the chips there are. */
export function chipFor(mcu: string): AvrChip {
  const chip = CHIPS.find((c) => c.mcu === mcu);
  if (!chip) throw new Error(`no emulated board for the ${mcu}: the emulator runs the ${CHIPS.map((c) => `${c.board} (${c.mcu})`).join(' and the ')}`);
  return chip;
}
