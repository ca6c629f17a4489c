// The ECMA-419 IO shapes our drivers are written against, and the injected clock.
// Every provider (Moddable builtin, simulator, Firmata bench) supplies objects of these shapes. They are the part of
// ECMA-419 the drivers use, checked against the Moddable SDK 8.2.3 typings ($MODDABLE/typings/embedded_io): the
// SDK's classes must be assignable to them (firmware/moddable.d.ts mirrors those typings; see docs/FLASHING.md).

type PinSpecifier = number;

/** ECMA-419 Digital: one GPIO. `onReadable` fires (with `this` = the instance) on the configured `edge`. */
export interface Digital {
  read(): number;
  /** 0 or 1 only: the SDK's Digital takes nothing else. */
  write(value: 0 | 1): void;
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

/**
 * ECMA-419 Analog: an ADC channel; `read()` returns an integer of `resolution` bits. `close()` is optional: the
 * SDK's esp32 and pico Analog have it at run time, but its typings (8.2.3) leave it out.
 */
export interface Analog {
  readonly resolution: number;
  read(): number;
  close?(): void;
}
export interface AnalogClass { new (options: { pin: PinSpecifier; resolution?: number }): Analog }

/** ECMA-419 PWM: `write()` takes an integer of `resolution` bits. The SDK's typings (8.2.3) have no `close()`. */
export interface PWM {
  readonly resolution: number;
  write(value: number): void;
  close?(): void;
}
export interface PWMClass { new (options: { pin: PinSpecifier; hz?: number }): PWM }

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
  /**
   * The UART. Required, as in the SDK's typings, and for a reason: without it Moddable's ESP32 Serial takes UART 0,
   * the console. (The Pico's derives the UART from the pins and ignores it.)
   */
  port: number;
  format?: 'buffer';
  onReadable?(this: Serial, count: number): void;
}
export interface SerialClass { new (options: SerialOptions): Serial }
/** The UART a board's serial part gets when its board file names none: UART 1, never the console's UART 0. */
export const DEFAULT_SERIAL_PORT = 1;

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
