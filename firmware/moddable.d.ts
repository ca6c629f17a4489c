// Types for the Moddable SDK modules the device entry imports, and for the module the firmware build generates.

/** ECMA-419 host provider: the board's IO classes (Moddable's, or the simulator's in a desktop build). */
declare module 'embedded:provider/builtin' {
  const device: import('../hal/types').Device;
  export default device;
}

/** Moddable's timers: `repeat` in ms makes a timer fire again every `repeat` ms. */
declare module 'timer' {
  type TimerID = number;
  const Timer: {
    set(callback: (id: TimerID) => void, interval?: number, repeat?: number): TimerID;
    clear(id: TimerID): void;
  };
  export default Timer;
}

/** Moddable's clock: `ticks` counts milliseconds since boot. */
declare module 'time' {
  const Time: { readonly ticks: number };
  export default Time;
}

/** Written by scripts/build-firmware.ts: the board file, its chip's pin table and the file's name, unvalidated. */
declare module 'board' {
  const board: unknown;
  export default board;
  export const mcu: import('./board/types').Mcu;
  export const file: string;
}

/** Moddable's `crypt`: the native digests (SHA256 among them). */
declare module 'crypt' {
  export class Digest {
    constructor(algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | 'MD5');
    write(data: ArrayBuffer): void;
    close(): ArrayBuffer;
  }
}

/** Moddable's HMAC over a `crypt` digest: `process(data)` returns the MAC. */
declare module 'hmac' {
  import type { Digest } from 'crypt';
  export default class HMAC {
    constructor(digest: Digest, key: ArrayBuffer);
    process(...data: ArrayBuffer[]): ArrayBuffer;
  }
}
