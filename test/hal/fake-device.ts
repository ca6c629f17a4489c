// A fake ECMA-419 device and a manual clock for driver tests: inputs are set by the test, outputs and serial bytes recorded.
import type { Analog, Clock, Device, Digital, DigitalOptions, Serial, SerialOptions, TimerId } from '../../hal/types';

const MODES = { Input: 0, InputPullUp: 1, InputPullDown: 2, Output: 8, OutputOpenDrain: 9 } as const;
const RISING = 1, FALLING = 2;

interface DigitalPin { options: DigitalOptions; level: number; writes: number[]; instance: Digital }
interface SerialPort { options: SerialOptions; pending: number[]; written: number[]; instance: Serial }

export interface FakeDevice extends Device {
  /** Sets an input pin's level; an edge the pin listens for calls its `onReadable`. */
  setLevel(pin: number, level: number): void;
  /** The level a pin shows now (an output's last write, an input's level). */
  level(pin: number): number;
  /** Every value written to a digital output, in order. */
  writes(pin: number): number[];
  /** The mode a digital pin was opened with (compare with `device.io.Digital.InputPullUp`…). */
  mode(pin: number): number;
  isOpen(pin: number): boolean;
  /** Sets an ADC channel's raw reading. */
  setRaw(pin: number, raw: number): void;
  /** Delivers bytes (a string, one char per byte) to the UART whose receive pin is `rx`, as one chunk. */
  receive(rx: number, text: string): void;
  /** Everything written to the UART whose transmit pin is `tx`, as text. */
  written(tx: number): string;
  /** The options a UART was opened with. */
  serialOptions(tx: number): SerialOptions;
}

export function createFakeDevice(resolution = 12): FakeDevice {
  const digital = new Map<number, DigitalPin>();
  const raw = new Map<number, number>();
  const serials = new Map<number, SerialPort>();
  const claimed = new Set<number>();
  // As on real hardware, a pin is used by one IO object at a time.
  const claim = (pin: number) => {
    if (claimed.has(pin)) throw new Error(`pin ${pin} already in use`);
    claimed.add(pin);
  };
  const need = <T>(map: Map<number, T>, pin: number, what: string): T => {
    const found = map.get(pin);
    if (!found) throw new Error(`no ${what} on pin ${pin}`);
    return found;
  };

  class FakeDigital implements Digital {
    static readonly Input = MODES.Input; static readonly InputPullUp = MODES.InputPullUp;
    static readonly InputPullDown = MODES.InputPullDown; static readonly Output = MODES.Output;
    static readonly OutputOpenDrain = MODES.OutputOpenDrain;
    static readonly Rising = RISING; static readonly Falling = FALLING;
    private readonly pin: number;
    constructor(options: DigitalOptions) {
      claim(options.pin);
      this.pin = options.pin;
      // An idle pulled-up input reads high; anything else starts low.
      digital.set(options.pin, { options, level: options.mode === MODES.InputPullUp ? 1 : 0, writes: [], instance: this });
    }
    read(): number { return need(digital, this.pin, 'digital').level; }
    write(value: number): void {
      const p = need(digital, this.pin, 'digital');
      if (p.options.mode !== MODES.Output && p.options.mode !== MODES.OutputOpenDrain) throw new Error(`pin ${this.pin} is an input`);
      p.level = value;
      p.writes.push(value);
    }
    close(): void { claimed.delete(this.pin); }
  }

  class FakeAnalog implements Analog {
    readonly resolution = resolution;
    constructor(private readonly options: { pin: number }) { claim(options.pin); }
    read(): number { return raw.get(this.options.pin) ?? 0; }
    close(): void { claimed.delete(this.options.pin); }
  }

  class FakeSerial implements Serial {
    private readonly port: SerialPort;
    constructor(options: SerialOptions) {
      claim(options.receive); claim(options.transmit);
      this.port = { options, pending: [], written: [], instance: this };
      serials.set(options.transmit, this.port);
      serials.set(options.receive, this.port);
    }
    read(count?: number): ArrayBuffer | undefined {
      const n = Math.min(count ?? this.port.pending.length, this.port.pending.length);
      if (n === 0) return undefined;
      return Uint8Array.from(this.port.pending.splice(0, n)).buffer;
    }
    write(data: ArrayBuffer | Uint8Array): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      for (const b of bytes) this.port.written.push(b);
    }
    close(): void { claimed.delete(this.port.options.receive); claimed.delete(this.port.options.transmit); }
  }

  return {
    io: { Digital: FakeDigital, Analog: FakeAnalog, Serial: FakeSerial },
    setLevel(pin, level) {
      const p = need(digital, pin, 'digital');
      if (!claimed.has(pin)) return;
      const was = p.level;
      p.level = level;
      const edge = level > was ? RISING : level < was ? FALLING : 0;
      if (edge && ((p.options.edge ?? 0) & edge) && p.options.onReadable) p.options.onReadable.call(p.instance);
    },
    level: (pin) => need(digital, pin, 'digital').level,
    writes: (pin) => need(digital, pin, 'digital').writes,
    mode: (pin) => need(digital, pin, 'digital').options.mode,
    isOpen: (pin) => claimed.has(pin),
    setRaw(pin, value) { raw.set(pin, value); },
    receive(rx, text) {
      const port = need(serials, rx, 'serial');
      for (let i = 0; i < text.length; i++) port.pending.push(text.charCodeAt(i) & 0xff);
      port.options.onReadable?.call(port.instance, port.pending.length);
    },
    written: (tx) => String.fromCharCode(...need(serials, tx, 'serial').written),
    serialOptions: (tx) => need(serials, tx, 'serial').options,
  };
}

/** A clock that moves only when the test advances it; timers fire in time order, at their due time. */
export class ManualClock implements Clock {
  private t = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; repeatMs?: number; callback: () => void }>();

  now(): number { return this.t; }

  set(callback: () => void, ms: number, repeatMs?: number): TimerId {
    const id = this.nextId++;
    this.timers.set(id, { due: this.t + ms, repeatMs, callback });
    return id;
  }

  clear(id: TimerId): void { this.timers.delete(id as number); }

  /** How many timers are pending. */
  get pending(): number { return this.timers.size; }

  advance(ms: number): void {
    const until = this.t + ms;
    for (;;) {
      let nextId = 0, next: { due: number; repeatMs?: number; callback: () => void } | undefined;
      for (const [id, timer] of this.timers) if (timer.due <= until && (!next || timer.due < next.due)) { next = timer; nextId = id; }
      if (!next) break;
      this.t = next.due;
      if (next.repeatMs === undefined) this.timers.delete(nextId);
      else next.due += next.repeatMs;
      next.callback();
    }
    this.t = until;
  }
}
