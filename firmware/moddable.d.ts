// Types for the Moddable SDK modules the device imports, written to match the SDK's own typings (Moddable SDK 8.2.3,
// $MODDABLE/typings: embedded_provider/builtin, embedded_io/*, timer, time). mcconfig compiles the firmware against
// those, never against this file, so this file must be no more generous than they are: CI's `npm run typecheck`
// then fails where mcconfig would. Only the members the firmware can touch are declared.

/** ECMA-419 IO classes as the SDK types them (embedded:io/*). */
declare namespace ModdableIO {
  type PinSpecifier = number;
  type PortSpecifier = number;
  /** ArrayBuffer, a typed array or a DataView: what XS's `ByteBuffer` covers. */
  type ByteBuffer = ArrayBufferLike | ArrayBufferView;

  class Digital {
    static readonly Input: number;
    static readonly InputPullUp: number;
    static readonly InputPullDown: number;
    static readonly InputPullUpDown: number;
    static readonly Output: number;
    static readonly OutputOpenDrain: number;
    static readonly ActiveLow: number;
    static readonly Rising: number;
    static readonly Falling: number;
    constructor(options: { pin: PinSpecifier; mode: number; activeLow?: boolean; initialValue?: 0 | 1; format?: 'number'; target?: any }
      & ({ onReadable: (this: Digital) => void; edge: number } | { edge?: number }));
    read(): 0 | 1;
    write(value: 0 | 1): void;
    close(): void;
    get format(): 'number';
    set format(value: 'number');
  }

  /** No `close()` in the SDK's typings, although esp32 and pico have one at run time. */
  class Analog {
    constructor(options: { pin: PinSpecifier; resolution?: number; onReadable?: (this: Analog) => void; format?: 'number' });
    readonly resolution: number;
    onReadable?: () => void;
    read(): number;
    get format(): 'number';
    set format(value: 'number');
    target?: any;
  }

  /** No `close()` and no `resolution` option in the SDK's typings. */
  class PWM {
    constructor(options: { pin: PinSpecifier; hz?: number; format?: 'number'; target?: any });
    readonly resolution: number;
    readonly hz: number;
    write(value: number): void;
    get format(): 'number';
    set format(value: 'number');
  }

  /** The SDK's typings require `port`. */
  class Serial {
    constructor(options: ({ receive: PinSpecifier; transmit?: PinSpecifier } | { receive?: PinSpecifier; transmit: PinSpecifier }) & {
      baud: number;
      port: PortSpecifier;
      onReadable?: (this: Serial, bytes: number) => void;
      onWritable?: (this: Serial, bytes: number) => void;
      format?: 'number' | 'buffer';
      target?: any;
    });
    readonly resolution: number;
    close(): void;
    read(): number | ArrayBuffer | undefined;
    read(byteLength: number): ArrayBuffer | undefined;
    read(buffer: ByteBuffer): number | undefined;
    write(value: number | ByteBuffer): void;
    flush(): void;
    get format(): 'number' | 'buffer';
    set format(value: 'number' | 'buffer');
  }
}

/** The ECMA-419 host provider (Moddable's on esp32 and pico; ours in a desktop build, mapped in manifest.json). */
declare module 'embedded:provider/builtin' {
  const device: {
    io: {
      Digital: typeof ModdableIO.Digital;
      Analog: typeof ModdableIO.Analog;
      PWM: typeof ModdableIO.PWM;
      Serial: typeof ModdableIO.Serial;
    };
    pin: { [name: string]: ModdableIO.PinSpecifier };
  };
  export default device;
}

/** Moddable's timers: `set` returns a Timer object (not a number); `repeat` in ms makes it fire again. */
declare module 'timer' {
  export type TimerCallback = (timer: Timer) => void;
  class Timer {
    private constructor();
    static set: (callback: TimerCallback, interval?: number, repeat?: number) => Timer;
    static repeat: (callback: TimerCallback, interval: number) => Timer;
    static schedule: (timer: Timer, interval?: number, repeat?: number) => void;
    static clear: (timer: Timer | undefined | null) => void;
    private brand: boolean;
  }
  export { Timer as default };
}

/** Moddable's clock: `ticks` counts milliseconds since boot. */
declare module 'time' {
  const Time: { ticks: number; delta(start: number, end?: number): number };
  export { Time as default };
}

/** Moddable's `crypt`: the native digests (SHA256 among them). */
declare module 'crypt' {
  export class Digest {
    constructor(algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | 'MD5');
    /** A string is hashed as its UTF-8 (up to a NUL). */
    write(data: ArrayBuffer | string): void;
    close(): ArrayBuffer;
    /** Starts a new digest, as if just constructed. */
    reset(): void;
  }
}

/** Moddable's Preference (typings/preference.d.ts): small values that survive a reboot, in flash. */
declare module 'preference' {
  const Preference: {
    set(domain: string, key: string, value: string | boolean | number | ArrayBuffer): void;
    get(domain: string, key: string): string | boolean | number | ArrayBuffer | undefined;
    delete(domain: string, key: string): void;
    keys(domain: string): string[];
  };
  export { Preference as default };
}
