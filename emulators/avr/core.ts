// An AVR at 16 MHz on avr8js, as on an Arduino Uno or Mega: CPU, timers, USART0, the ports and the ADC, run in step
// with wall time. Pins are named as Firmata names them: the Arduino's pin numbers (the analog pins after the digital).
import { AVRADC, AVRIOPort, avrInstruction, AVRTimer, AVRUSART, CPU, PinState } from 'avr8js';
import type { AvrChip } from './chips';
import { loadIntelHex } from './hex';

export const AVR_HZ = 16_000_000;

/** What is outside a pin: a switch holding it low or high, or nothing (the pin's pull-up decides, else it floats). */
export type ExternalDrive = 0 | 1 | null;

/** A pin as the chip sets it: an output low or high, or an input (`pullUp` on or not). */
export interface PinView { output: boolean; level: number; pullUp: boolean }

export class AvrCore {
  readonly cpu: CPU;
  readonly usart: AVRUSART;
  readonly adc: AVRADC;
  readonly pinCount: number;
  private readonly ports: AVRIOPort[];
  private readonly rx: number[] = [];
  private readonly drive: ExternalDrive[];
  /** Set by any write to a port or its direction: the pins should be looked at again. */
  dirty = true;

  constructor(readonly chip: AvrChip, program: Uint16Array, private readonly transmit: (byte: number) => void) {
    this.cpu = new CPU(program, chip.sramBytes);
    this.pinCount = chip.pins.length;
    this.drive = new Array<ExternalDrive>(this.pinCount).fill(null);
    for (const c of chip.timers) new AVRTimer(this.cpu, c);
    this.ports = chip.ports.map((c) => new AVRIOPort(this.cpu, c));
    for (const p of this.ports) p.addListener(() => { this.dirty = true; this.applyDrive(); });
    this.usart = new AVRUSART(this.cpu, chip.usart, AVR_HZ);
    keepReadOnlyFlags(this.cpu, chip.usart.UCSRA);
    // "Data register empty" is a level, as on the chip: servicing it does not clear it (avr8js would), only a write to
    // UDR does. The Mega's older core enters its ISR once more with nothing left to send, to switch the interrupt off;
    // with the flag cleared there, no byte was ever sent again.
    (this.usart as unknown as { UDRE: { constant: boolean } }).UDRE.constant = true;
    this.usart.onByteTransmit = (b) => this.transmit(b);
    // Bytes arrive one character time apart, at the baud rate the firmware set: the next starts as one lands.
    this.usart.onRxComplete = () => this.feed();
    this.adc = new AVRADC(this.cpu, chip.adc);
    this.applyDrive();
  }

  static fromHex(chip: AvrChip, hex: string, transmit: (byte: number) => void): AvrCore {
    return new AvrCore(chip, loadIntelHex(hex, chip.flashBytes, `StandardFirmata.cpp.hex for the ${chip.mcu}`), transmit);
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

  /** An analog channel's voltage (A0 is channel 0). */
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
    for (let pin = 0; pin < this.pinCount; pin++) {
      const [port, bit] = this.portOf(pin);
      const s = port.pinState(bit);
      const d = this.drive[pin];
      port.setPin(bit, d !== null ? d === 1 : s === PinState.InputPullUp || s === PinState.High);
    }
  }

  private portOf(pin: number): [AVRIOPort, number] {
    const [port, bit] = this.chip.pins[pin]!;
    return [this.ports[port]!, bit];
  }
}

const RXC = 0x80, TXC = 0x40, UDRE = 0x20;

/** avr8js clears every flag of UCSRnA on a write to it; the chip keeps RXC and UDRE (read-only) and clears TXC only where a 1 is written. */
function keepReadOnlyFlags(cpu: CPU, UCSRA: number): void {
  const write = cpu.writeHooks[UCSRA]!;
  cpu.writeHooks[UCSRA] = (value, oldValue, address, mask) => {
    const kept = cpu.data[UCSRA]! & (RXC | UDRE | (value & TXC ? 0 : TXC));
    const handled = write(value, oldValue, address, mask);
    cpu.data[UCSRA] = cpu.data[UCSRA]! | kept;
    return handled;
  };
}
