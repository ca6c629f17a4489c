// The little of johnny-five's and firmata-io's untyped JavaScript that the bench provider touches.

declare module 'firmata-io' {
  interface FirmataOptions {
    /** Ms to wait for the board's own version report before asking for it. */
    reportVersionTimeout?: number;
    samplingInterval?: number;
  }
  /** firmata-io binds a default transport; `Firmata` is the Board class, for a transport object we made ourselves. */
  const bind: { Firmata: new (transport: object, options?: FirmataOptions, callback?: (error?: Error) => void) => object };
  export default bind;
}

declare module 'johnny-five' {
  interface BoardOptions {
    /** An IO plugin instance, e.g. a firmata-io Board on a port we opened. */
    io: object;
    repl?: boolean;
    debug?: boolean;
    sigint?: boolean;
    /** Ms from "connect" to "ready" before johnny-five gives up (default 10 s). */
    timeout?: number;
  }
  class Board {
    constructor(options: BoardOptions);
    readonly io: object;
    readonly isReady: boolean;
    /** johnny-five's guess from the pin count: UNO, MEGA, LEONARDO or OTHER. */
    readonly type?: string;
    /** johnny-five's own "connect" timer, pending until "ready". */
    timer: ReturnType<typeof setTimeout> | null;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
    removeAllListeners(event?: string): this;
  }
  const five: { Board: typeof Board };
  export default five;
}
