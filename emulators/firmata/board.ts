// A simulated Arduino running StandardFirmata, written from the protocol's documentation: it answers the queries,
// sets pin modes, reports input ports and analog channels, and drives its outputs into a rig of switches and parts.
import type { Mcu } from '../../firmware/board/types';
import type { Clock, TimerId } from '../../hal/types';
import {
  ANALOG_MAPPING_QUERY, ANALOG_MESSAGE, CAPABILITY_QUERY, DIGITAL_MESSAGE, END_SYSEX, EXTENDED_ANALOG, FrameSplitter, hexBytes,
  hostToBoard, PIN_STATE_QUERY, PIN_STATE_RESPONSE, PinMode, REPORT_ANALOG, REPORT_DIGITAL, REPORT_FIRMWARE, REPORT_VERSION,
  SAMPLING_INTERVAL, SET_DIGITAL_PIN_VALUE, SET_PIN_MODE, START_SYSEX, SYSTEM_RESET,
} from '../../hal/providers/bench/firmata-frames';
import { analogMappingResponse, capabilitiesOf, capabilityResponse, firmwareReport, stringData, versionReport, type PinCapability } from './replies';

/** What the board's pins are wired to on the bench. */
export interface Rig {
  /** The level an input pin reads: what is wired to it, with the chip's pull-up on or off. */
  read(pin: number, pullUp: boolean): number;
  /** ADC counts at an analog pin. */
  sample(pin: number): number;
  /** An output pin now drives `value`: a level (0, 1), or for PWM a duty of 0–255. */
  drive(pin: number, value: number, pwm: boolean): void;
}

export interface FirmataBoardOptions {
  mcu: Mcu;
  rig: Rig;
  /** Times the analog reports (every sampling interval). */
  clock: Clock;
  /** Bytes for the host, as the UART would send them. */
  send(bytes: Uint8Array): void;
  /** The name in the firmware report (default StandardFirmata). */
  firmware?: string;
  /**
   * false: StandardFirmata before 2.5, with no pull-up mode. A pull-up is the Arduino's old way: a 1 written to an
   * input turns it on and a 0 off, the pin staying an input, whose pin-state answer is the level written.
   */
  pullUpMode?: boolean;
  /** What the board ignores: bytes it cannot frame, commands it does not know. */
  log?(line: string): void;
}

interface PinState { mode: number; value: number; pullUp: boolean }

// StandardFirmata's default analog sampling interval, and its floor.
const DEFAULT_SAMPLING_MS = 19;
const MIN_SAMPLING_MS = 1;
const PORTS = 16;

export class FirmataBoard {
  private readonly caps: PinCapability[];
  private readonly pins: PinState[];
  private readonly reportPort: boolean[] = new Array(PORTS).fill(false);
  private readonly lastPort: number[] = new Array(PORTS).fill(-1);
  private readonly reportChannel: boolean[] = new Array(PORTS).fill(false);
  private readonly splitter: FrameSplitter;
  private samplingMs = DEFAULT_SAMPLING_MS;
  private timer: TimerId = undefined;

  constructor(private readonly o: FirmataBoardOptions) {
    this.caps = capabilitiesOf(o.mcu, o.pullUpMode ?? true);
    this.pins = this.caps.map(() => ({ mode: PinMode.OUTPUT, value: 0, pullUp: false }));
    const log = o.log ?? (() => {});
    this.splitter = new FrameSplitter(hostToBoard, (f) => this.message(f), (bytes, why) => log(`firmata board: ignored ${hexBytes(bytes)}: ${why}`));
    this.reset();
  }

  /** What StandardFirmata sends once it has booted: its protocol version and its name. */
  announce(): void {
    this.send(versionReport());
    this.send(firmwareReport(this.o.firmware ?? 'StandardFirmata'));
  }

  /** Bytes from the host. */
  receive(chunk: ArrayLike<number>): void { this.splitter.push(chunk); }

  /** Reports each reported port whose inputs changed, as StandardFirmata does on every pass of its loop. */
  scan(): void {
    for (let port = 0; port < PORTS; port++) if (this.reportPort[port]) this.reportDigital(port, false);
  }

  /** A pin's mode and what it drives (a level, or a PWM duty), for tests and views. */
  pin(pin: number): Readonly<PinState> | undefined { return this.pins[pin]; }

  close(): void {
    if (this.timer !== undefined) this.o.clock.clear(this.timer);
    this.timer = undefined;
  }

  // StandardFirmata's reset: analog pins back to analog input, every other pin an output driven low, no reporting.
  private reset(): void {
    this.reportPort.fill(false);
    this.reportChannel.fill(false);
    this.lastPort.fill(-1);
    this.caps.forEach((cap, pin) => {
      if (cap.modes.size === 0) return;
      this.pins[pin] = { mode: cap.analogChannel !== 0x7f ? PinMode.ANALOG : PinMode.OUTPUT, value: 0, pullUp: false };
      if (this.pins[pin].mode === PinMode.OUTPUT) this.o.rig.drive(pin, 0, false);
    });
    this.setSampling(DEFAULT_SAMPLING_MS);
  }

  private message(f: number[]): void {
    const command = f[0] < START_SYSEX ? f[0] & 0xf0 : f[0];
    const low = f[0] & 0x0f;
    switch (command) {
      case DIGITAL_MESSAGE: return this.writePort(low, f[1] | (f[2] << 7));
      case ANALOG_MESSAGE: return this.writePwm(low, f[1] | (f[2] << 7));
      case REPORT_DIGITAL: this.reportPort[low] = f[1] !== 0; if (f[1] !== 0) this.reportDigital(low, true); return;
      case REPORT_ANALOG: return this.reportAnalogOn(low, f[1] !== 0);
      case SET_PIN_MODE: return this.setMode(f[1], f[2]);
      case SET_DIGITAL_PIN_VALUE: return this.setValue(f[1], f[2]);
      case REPORT_VERSION: return this.send(versionReport());
      case SYSTEM_RESET: return this.reset();
      case START_SYSEX: return this.sysex(f);
    }
  }

  private sysex(f: number[]): void {
    const data = f.slice(2, -1);
    switch (f[1]) {
      case REPORT_FIRMWARE: return this.send(firmwareReport(this.o.firmware ?? 'StandardFirmata'));
      case CAPABILITY_QUERY: return this.send(capabilityResponse(this.caps));
      case ANALOG_MAPPING_QUERY: return this.send(analogMappingResponse(this.caps));
      case PIN_STATE_QUERY: if (data.length >= 1) this.pinState(data[0]); return;
      case SAMPLING_INTERVAL: if (data.length >= 2) this.setSampling(data[0] | (data[1] << 7)); return;
      case EXTENDED_ANALOG: {
        let value = 0;
        for (let i = 1; i < data.length; i++) value |= data[i] << (7 * (i - 1));
        return this.writePwm(data[0], value);
      }
      default: this.o.log?.(`firmata board: ignored sysex ${hexBytes(f.slice(0, 2))}: not in StandardFirmata`);
    }
  }

  // A port write sets its output pins. On a plain input a 1 asks for the pull-up the Arduino's old way: 2.5 turns the
  // pin into a pull-up; before it, the pin stays an input and its latch is the pull-up, a 0 turning it off again.
  private writePort(port: number, value: number): void {
    for (let bit = 0; bit < 8; bit++) {
      const pin = port * 8 + bit, p = this.pins[pin];
      if (!p) continue;
      const level = (value >> bit) & 1;
      if (p.mode === PinMode.OUTPUT) this.drive(pin, level);
      else if (p.mode === PinMode.INPUT && this.o.pullUpMode === false) p.pullUp = level === 1;
      else if (p.mode === PinMode.INPUT && level === 1) { p.mode = PinMode.PULLUP; p.pullUp = true; }
    }
  }

  private setValue(pin: number, value: number): void {
    if (this.pins[pin]?.mode === PinMode.OUTPUT) this.drive(pin, value ? 1 : 0);
  }

  private drive(pin: number, level: number): void {
    const p = this.pins[pin];
    if (p.value === level) return;
    p.value = level;
    this.o.rig.drive(pin, level, false);
  }

  private writePwm(pin: number, duty: number): void {
    const p = this.pins[pin];
    if (!p || p.mode !== PinMode.PWM) return;
    p.value = duty;
    this.o.rig.drive(pin, duty, true);
  }

  private setMode(pin: number, mode: number): void {
    const cap = this.caps[pin];
    if (!cap || !cap.modes.has(mode)) {
      this.send(stringData(`Unknown pin mode ${mode} for pin ${pin}`));
      return;
    }
    const p = this.pins[pin];
    p.mode = mode;
    p.pullUp = mode === PinMode.PULLUP;
    p.value = 0;
    // As StandardFirmata does: leaving analog mode stops the channel's reports, entering it starts them.
    if (cap.analogChannel !== 0x7f) this.reportChannel[cap.analogChannel] = mode === PinMode.ANALOG;
    if (mode === PinMode.OUTPUT) this.o.rig.drive(pin, 0, false);
    if (mode === PinMode.PWM) this.o.rig.drive(pin, 0, true);
  }

  private pinState(pin: number): void {
    const p = this.pins[pin];
    if (!p) return;
    const state = p.mode === PinMode.OUTPUT || p.mode === PinMode.PWM ? p.value : p.pullUp ? 1 : 0;
    this.send([START_SYSEX, PIN_STATE_RESPONSE, pin, p.mode, state & 0x7f, (state >> 7) & 0x7f, END_SYSEX]);
  }

  /** The input pins of a port as one 8-bit value; sent when it changed, or always when `force` (reporting just enabled). */
  private reportDigital(port: number, force: boolean): void {
    let value = 0;
    for (let bit = 0; bit < 8; bit++) {
      const pin = port * 8 + bit, p = this.pins[pin];
      if (p && (p.mode === PinMode.INPUT || p.mode === PinMode.PULLUP) && this.o.rig.read(pin, p.pullUp)) value |= 1 << bit;
    }
    if (!force && value === this.lastPort[port]) return;
    this.lastPort[port] = value;
    this.send([DIGITAL_MESSAGE | port, value & 0x7f, (value >> 7) & 0x7f]);
  }

  private reportAnalogOn(channel: number, on: boolean): void {
    this.reportChannel[channel] = on;
    const pin = this.caps.findIndex((c) => c.analogChannel === channel);
    // Since protocol 2.4 the value follows at once, so the host need not wait a sampling interval.
    if (on && pin >= 0 && this.pins[pin].mode === PinMode.ANALOG) this.sendAnalog(channel, pin);
  }

  private setSampling(ms: number): void {
    this.samplingMs = Math.max(MIN_SAMPLING_MS, ms);
    if (this.timer !== undefined) this.o.clock.clear(this.timer);
    this.timer = this.o.clock.set(() => this.reportAnalog(), this.samplingMs, this.samplingMs);
  }

  private reportAnalog(): void {
    this.caps.forEach((cap, pin) => {
      const ch = cap.analogChannel;
      if (ch !== 0x7f && this.reportChannel[ch] && this.pins[pin].mode === PinMode.ANALOG) this.sendAnalog(ch, pin);
    });
  }

  private sendAnalog(channel: number, pin: number): void {
    const counts = this.o.rig.sample(pin);
    this.send([ANALOG_MESSAGE | channel, counts & 0x7f, (counts >> 7) & 0x7f]);
  }

  private send(bytes: number[]): void { this.o.send(Uint8Array.from(bytes)); }
}
