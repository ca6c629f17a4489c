// The ECMA-419 IO shapes our drivers are written against, and the injected clock.
// Every provider (Moddable builtin, simulator, Firmata bench) supplies objects of exactly these shapes.

export type PinSpecifier = number;

/** ECMA-419 Digital: one GPIO. `onReadable` fires (with `this` = the instance) on the configured `edge`. */
export interface Digital {
  read(): number;
  write(value: number): void;
  close(): void;
}
export interface DigitalOptions {
  pin: PinSpecifier;
  mode: number;
  edge?: number;
  onReadable?(this: Digital): void;
}
export interface DigitalClass {
  new (options: DigitalOptions): Digital;
  readonly Input: number;
  readonly InputPullUp: number;
  readonly InputPullDown: number;
  readonly Output: number;
  readonly OutputOpenDrain: number;
  readonly Rising: number;
  readonly Falling: number;
}

/** ECMA-419 Analog: an ADC channel; `read()` returns an integer of `resolution` bits. */
export interface Analog {
  readonly resolution: number;
  read(): number;
  close(): void;
}
export interface AnalogClass { new (options: { pin: PinSpecifier; resolution?: number }): Analog }

/** ECMA-419 PWM: `write()` takes an integer of `resolution` bits. */
export interface PWM {
  readonly resolution: number;
  write(value: number): void;
  close(): void;
}
export interface PWMClass { new (options: { pin: PinSpecifier; hz?: number; resolution?: number }): PWM }

/** ECMA-419 Serial in `buffer` format: `onReadable(count)` says how many bytes wait; `read()` takes them. */
export interface Serial {
  read(count?: number): ArrayBuffer | undefined;
  write(data: ArrayBuffer | Uint8Array): void;
  close(): void;
}
export interface SerialOptions {
  receive: PinSpecifier;
  transmit: PinSpecifier;
  baud: number;
  port?: number;
  format?: 'buffer';
  onReadable?(this: Serial, count: number): void;
}
export interface SerialClass { new (options: SerialOptions): Serial }

/** The ECMA-419 host provider shape: IO classes and named pins. */
export interface Device {
  readonly io: { readonly Digital: DigitalClass; readonly Analog: AnalogClass; readonly PWM?: PWMClass; readonly Serial: SerialClass };
  readonly pin?: { readonly [name: string]: PinSpecifier };
}

/** Time, injected: Moddable's Timer on the device, a virtual clock in the simulator. */
export type TimerId = unknown;
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `callback` after `ms`, then every `repeatMs` if given. */
  set(callback: () => void, ms: number, repeatMs?: number): TimerId;
  clear(id: TimerId): void;
}

/** Moddable's numbers for Digital modes and edges; every provider's Digital extends this, so all agree. */
export class DigitalModes {
  static readonly Input = 0;
  static readonly InputPullUp = 1;
  static readonly InputPullDown = 2;
  static readonly InputPullUpDown = 3;
  static readonly Output = 8;
  static readonly OutputOpenDrain = 9;
  static readonly Rising = 1;
  static readonly Falling = 2;
}
