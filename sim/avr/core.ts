// An ATmega328P at 16 MHz on avr8js, as on an Arduino Uno: CPU, timers, USART, ports B, C and D and the ADC, run in
// step with wall time. Pins are named as Firmata names them (D0–D13, then A0–A5 as 14–19).
import {
  adcConfig, AVRADC, AVRIOPort, avrInstruction, AVRTimer, AVRUSART, CPU, PinState,
  portBConfig, portCConfig, portDConfig, timer0Config, timer1Config, timer2Config, usart0Config,
} from 'avr8js';
import { loadIntelHex } from './hex';

export const UNO_HZ = 16_000_000;
export const UNO_PINS = 20;
const FLASH_BYTES = 32 * 1024;

/** What is outside a pin: a switch holding it low or high, or nothing (the pin's pull-up decides, else it floats). */
export type ExternalDrive = 0 | 1 | null;

/** A pin as the chip sets it: an output low or high, or an input (`pullUp` on or not). */
export interface PinView { output: boolean; level: number; pullUp: boolean }

export class UnoCore {
  readonly cpu: CPU;
  readonly usart: AVRUSART;
  readonly adc: AVRADC;
  private readonly ports: AVRIOPort[];
  private readonly timers: AVRTimer[];
  private readonly rx: number[] = [];
  private readonly drive: ExternalDrive[] = new Array<ExternalDrive>(UNO_PINS).fill(null);
  /** Set by any write to a port or its direction: the pins should be looked at again. */
  dirty = true;

  constructor(program: Uint16Array, private readonly transmit: (byte: number) => void) {
    this.cpu = new CPU(program);
    this.timers = [timer0Config, timer1Config, timer2Config].map((c) => new AVRTimer(this.cpu, c));
    this.ports = [portDConfig, portBConfig, portCConfig].map((c) => new AVRIOPort(this.cpu, c));
    for (const p of this.ports) p.addListener(() => { this.dirty = true; this.applyDrive(); });
    this.usart = new AVRUSART(this.cpu, usart0Config, UNO_HZ);
    this.usart.onByteTransmit = (b) => this.transmit(b);
    // Bytes arrive one character time apart, at the baud rate the firmware set: the next starts as one lands.
    this.usart.onRxComplete = () => this.feed();
    this.adc = new AVRADC(this.cpu, adcConfig);
    this.applyDrive();
  }

  static fromHex(hex: string, transmit: (byte: number) => void): UnoCore {
    return new UnoCore(loadIntelHex(hex, FLASH_BYTES, 'StandardFirmata.cpp.hex'), transmit);
  }

  /** Runs the chip for `cycles` clock cycles. */
  run(cycles: number): void {
    const cpu = this.cpu, end = cpu.cycles + cycles;
    while (cpu.cycles < end) {
      avrInstruction(cpu);
      cpu.tick();
    }
  }

  /** Bytes from the host, queued for the USART's receiver. */
  receive(bytes: Uint8Array): void {
    for (const b of bytes) this.rx.push(b);
    if (!this.usart.rxBusy) this.feed();
  }

  private feed(): void {
    while (this.rx.length > 0) {
      // A receiver that is not enabled yet (the firmware has not called Serial.begin) loses the byte, as a real one.
      const b = this.rx.shift()!;
      if (this.usart.writeByte(b) !== false) return;
    }
  }

  /** Sets what is outside a pin: a closed switch to ground (0), to 5 V (1), or nothing (null). */
  setDrive(pin: number, drive: ExternalDrive): void {
    if (this.drive[pin] === drive) return;
    this.drive[pin] = drive;
    this.applyDrive();
  }

  /** An analog pin's voltage (A0–A5 as 14–19, or channels 0–5). */
  setVolts(channel: number, volts: number): void { this.adc.channelValues[channel] = volts; }

  /** The pin as the chip drives it now. */
  view(pin: number): PinView {
    const [port, bit] = this.portOf(pin);
    const s = port.pinState(bit);
    return { output: s === PinState.Low || s === PinState.High, level: s === PinState.High ? 1 : 0, pullUp: s === PinState.InputPullUp };
  }

  /** What the chip reads on each input: the outside drive, else its pull-up, else a floating pin reads low. */
  private applyDrive(): void {
    if (!this.ports) return;
    for (let pin = 0; pin < UNO_PINS; pin++) {
      const [port, bit] = this.portOf(pin);
      const s = port.pinState(bit);
      const d = this.drive[pin];
      const high = d !== null ? d === 1 : s === PinState.InputPullUp || s === PinState.High;
      port.setPin(bit, high);
    }
  }

  private portOf(pin: number): [AVRIOPort, number] {
    if (pin < 8) return [this.ports[0]!, pin];
    if (pin < 14) return [this.ports[1]!, pin - 8];
    return [this.ports[2]!, pin - 14];
  }
}
