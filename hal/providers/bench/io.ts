// The IO the bench provider drives: johnny-five's IO-plugin interface, as firmata-io implements it for StandardFirmata.

/** One pin as the board described it (capability and analog mapping responses) and as it last reported. */
export interface FirmataPin {
  /** The modes the pin supports (`MODES` values). */
  supportedModes: number[];
  mode?: number;
  /** The last level reported (inputs) or written (outputs), or the last analog reading. */
  value: number;
  /** What the board last answered a pin-state query with: an output's level, an input's written level (its pull-up). */
  state?: number;
  /** The pin's analog channel, or 127 for none. */
  analogChannel: number;
}

/** johnny-five's IO plugin contract, the part of it we use. */
export interface FirmataIo {
  readonly MODES: { readonly INPUT: number; readonly OUTPUT: number; readonly ANALOG: number; readonly PWM: number; readonly PULLUP: number };
  readonly pins: FirmataPin[];
  /** Bits-wide full scale of the ADC and of PWM, e.g. 1023 and 255 on an AVR. */
  readonly RESOLUTION: { ADC: number | null; PWM: number | null };
  readonly firmware: { name?: string; version?: { major: number; minor: number } };
  /** firmata-io's record of each port's levels, sent whole with every digital write (inputs' bits as last reported). */
  ports: number[];
  /** firmata-io's parse buffer: cleared after a handler fails on a corrupt message, so parsing starts afresh. */
  buffer: number[];
  pinMode(pin: number, mode: number): void;
  digitalWrite(pin: number, value: number): void;
  /** Turns on reporting for the pin's port and calls `listener` with the level on every report of that port. */
  digitalRead(pin: number, listener: (value: number) => void): void;
  /** Turns on reporting for an analog channel (not a pin number) and calls `listener` with each reading. */
  analogRead(channel: number, listener: (value: number) => void): void;
  pwmWrite(pin: number, value: number): void;
  /** Turns a port's reports on (1) or off, for the port of `pin`; StandardFirmata 2.4 and later send it at once. */
  reportDigitalPin(pin: number, value: number): void;
  /** Turns an analog channel's reports on (1) or off. */
  reportAnalogPin(channel: number, value: number): void;
  /** Asks for a pin's mode and state; `callback` runs on the answer, which firmata-io records in `pins`. */
  queryPinState(pin: number, callback: () => void): void;
  /** Asks for the firmware's name and version; `callback` runs on the answer (a round trip: the board answers in order). */
  queryFirmware(callback: () => void): void;
  /** Sends Firmata's system reset: pins back to their power-up modes, reporting off. */
  reset(): void;
  addListener(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/** The full scale as a bit count: 1023 → 10. */
export const bitsOf = (fullScale: number | null, fallback: number) =>
  fullScale === null || !(fullScale > 0) ? fallback : Math.round(Math.log2(fullScale + 1));

/** Inputs whose pull-up is the old way (an input written high), per board. */
const oldPullUps = new WeakMap<FirmataIo, Set<number>>();
/** The mode setInputMode gave each input, per board (firmata-io's own record takes what the board last answered). */
const inputModes = new WeakMap<FirmataIo, Map<number, number>>();

/**
 * Sends Firmata's system reset and records what it did, as firmata-io does not: every analog pin an analog input,
 * every other pin an output driven low, no pull-up on.
 */
export function resetBoard(io: FirmataIo): void {
  io.reset();
  oldPullUps.delete(io);
  inputModes.delete(io);
  // A question still unanswered belongs to the session before.
  for (const [pin, listener] of awaited.get(io) ?? []) io.removeListener(`pin-state-${pin}`, listener);
  awaited.delete(io);
  io.ports.fill(0);
  for (const p of io.pins) {
    if (p.supportedModes.length === 0) continue;
    p.mode = p.analogChannel !== 127 ? io.MODES.ANALOG : io.MODES.OUTPUT;
    if (p.mode === io.MODES.OUTPUT) p.value = 0;
  }
}

/**
 * Makes `pin` a digital input, its pull-up on if `pullUp`. Firmata 2.5 and later have a pull-up mode; before it
 * (StandardFirmata 2.4, which most Unos still carry) the pull-up is the Arduino's old way: an input written high.
 * The pin's last reported level is kept, since that write is not a report. A pin already set so is left alone unless
 * `again` (the board said otherwise): the old way passes through a plain input, whose pull-up StandardFirmata turns
 * off, and a switch that is open then floats, long enough for a report to say it closed.
 */
export function setInputMode(io: FirmataIo, pin: number, pullUp: boolean, again = false): void {
  const old = oldPullUps.get(io) ?? new Set<number>();
  oldPullUps.set(io, old);
  const modes = inputModes.get(io) ?? new Map<number, number>();
  inputModes.set(io, modes);
  const modern = pullUp && io.pins[pin]!.supportedModes.includes(io.MODES.PULLUP);
  const mode = modern ? io.MODES.PULLUP : io.MODES.INPUT;
  if (!again && modes.get(pin) === mode && old.has(pin) === (pullUp && !modern)) return;
  old.delete(pin);
  modes.set(pin, mode);
  io.pinMode(pin, mode);
  if (!pullUp || modern) return;
  old.add(pin);
  const level = io.pins[pin]!.value;
  io.digitalWrite(pin, 1);
  io.pins[pin]!.value = level;
}

/** The listener of each pin whose answer queryInput awaits, per board. */
const awaited = new WeakMap<FirmataIo, Map<number, () => void>>();

/**
 * Asks the board what `pin` is, and calls `answer` with whether it is the input `setInputMode` made it. A pull-up is
 * answered as the pull-up mode (2.5, which also turns an input written high into it) or as an input whose written
 * level is 1 (2.4 and before). Asked again before an answer came, it asks the board again but awaits one answer: the
 * answer to either (firmata-io records it as the pin's mode, which a second listener would read after the first
 * had set the pin again).
 */
export function queryInput(io: FirmataIo, pin: number, pullUp: boolean, answer: (right: boolean) => void): void {
  const pending = awaited.get(io) ?? new Map<number, () => void>();
  awaited.set(io, pending);
  if (!pending.has(pin)) {
    const listener = () => {
      pending.delete(pin);
      const p = io.pins[pin]!;
      answer(p.mode === io.MODES.PULLUP ? pullUp : p.mode === io.MODES.INPUT && (!pullUp || p.state === 1));
    };
    pending.set(pin, listener);
    io.once(`pin-state-${pin}`, listener);
  }
  io.queryPinState(pin, () => {});
}

/**
 * Writes a digital output. Firmata writes a whole port of eight pins, and firmata-io fills the inputs' bits with
 * their last reports; StandardFirmata 2.4 takes a 0 there as "pull-up off". A switch that was closed (low) when a
 * motor pin on its port was written would then lose its pull-up and float once it opens: those bits are kept high.
 */
export function writeOutput(io: FirmataIo, pin: number, level: number): void {
  const port = pin >> 3;
  for (const p of oldPullUps.get(io) ?? []) if (p >> 3 === port) io.ports[port] = io.ports[port]! | (1 << (p & 7));
  io.digitalWrite(pin, level);
}

/** Whether the board can make `pin` an input with its pull-up on, by either way `setInputMode` knows. */
export const canPullUp = (io: FirmataIo, pin: number): boolean =>
  io.pins[pin]!.supportedModes.includes(io.MODES.PULLUP) || io.pins[pin]!.supportedModes.includes(io.MODES.INPUT);
