// The IO the bench provider drives: johnny-five's IO-plugin interface, as firmata-io implements it for StandardFirmata.

/** One pin as the board described it (capability and analog mapping responses) and as it last reported. */
interface FirmataPin {
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
  /**
   * Sends a sysex message (its command and data, without the start and end bytes). firmata-io records the answer to
   * a pin-state query in `pins` and emits `pin-state-<pin>`.
   */
  sysexCommand(message: number[]): void;
  /** Sends Firmata's system reset: pins back to their power-up modes, reporting off. */
  reset(): void;
  addListener(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/** The full scale as a bit count: 1023 → 10. */
export const bitsOf = (fullScale: number | null, fallback: number) =>
  fullScale === null || !(fullScale > 0) ? fallback : Math.round(Math.log2(fullScale + 1));

/** The inputs the bench made, per board: each one's mode, and those whose pull-up it turned on the old way. */
interface Inputs { modes: Map<number, number>; oldPullUps: Set<number> }
const inputsOf = new WeakMap<FirmataIo, Inputs>();
const inputs = (io: FirmataIo): Inputs => {
  let made = inputsOf.get(io);
  if (!made) { made = { modes: new Map(), oldPullUps: new Set() }; inputsOf.set(io, made); }
  return made;
};

/** Firmata's pin-state query (protocol.md): the board answers with the pin's mode and state. */
export const PIN_STATE_QUERY = 0x6d;

/**
 * Sends Firmata's system reset and records what it did, as firmata-io does not: every analog pin an analog input,
 * every other pin an output driven low, no pull-up on. Sent twice, since a message can be lost on the line and a
 * reset has no answer to wait for.
 */
export function resetBoard(io: FirmataIo): void {
  io.reset();
  io.reset();
  inputsOf.delete(io);
  io.ports.fill(0);
  for (const p of io.pins) {
    if (p.supportedModes.length === 0) continue;
    p.mode = p.analogChannel !== 127 ? io.MODES.ANALOG : io.MODES.OUTPUT;
    if (p.mode === io.MODES.OUTPUT) p.value = 0;
  }
}

/**
 * Whether `pin`'s pull-up is the Arduino's old way: Firmata 2.5 and later have a pull-up mode; before it
 * (StandardFirmata 2.4, which most Unos still carry) a pull-up is an input written high.
 */
export const oldWayPullUp = (io: FirmataIo, pin: number, pullUp: boolean): boolean =>
  pullUp && !io.pins[pin]!.supportedModes.includes(io.MODES.PULLUP);

/**
 * Makes `pin` a digital input: the pull-up mode, or a plain input. A pull-up the old way is for turnOnOldPullUp, once
 * the board has said the pin is an input: written high while the pin is still an output (its mode lost on the line),
 * it would drive a closed switch to ground. A pin already set so is left alone unless `again` (the board said
 * otherwise): the old way passes through a plain input, whose pull-up StandardFirmata turns off, and a switch that is
 * open then floats, long enough for a report to say it closed.
 */
export function setInputMode(io: FirmataIo, pin: number, pullUp: boolean, again = false): void {
  const made = inputs(io);
  const mode = pullUp && !oldWayPullUp(io, pin, pullUp) ? io.MODES.PULLUP : io.MODES.INPUT;
  if (!again && made.modes.get(pin) === mode) return;
  made.modes.set(pin, mode);
  made.oldPullUps.delete(pin);
  io.pinMode(pin, mode);
}

/** Turns `pin`'s pull-up on the old way (a 1 written to the input), keeping its last reported level. */
export function turnOnOldPullUp(io: FirmataIo, pin: number): void {
  inputs(io).oldPullUps.add(pin);
  const level = io.pins[pin]!.value;
  writeOutput(io, pin, 1);
  io.pins[pin]!.value = level;
}

/** Whether the bench turned `pin`'s pull-up on the old way. */
export const hasOldPullUp = (io: FirmataIo, pin: number): boolean => inputs(io).oldPullUps.has(pin);

/**
 * Writes a digital output. Firmata writes a whole port of eight pins, and firmata-io fills the inputs' bits with
 * their last reports. Before 2.5 StandardFirmata takes an input's bit as its pull-up (a switch closed when a motor
 * on its port started would lose its pull-up, and float once it opened), and 2.5 turns a plain input written 1 into
 * a pull-up. So each input's bit is written as the bench wants it: 1 for a pull-up it turned on the old way, else 0.
 */
export function writeOutput(io: FirmataIo, pin: number, level: number): void {
  const made = inputs(io);
  for (const p of made.modes.keys()) if (p >> 3 === pin >> 3) setPortBit(io, p, made.oldPullUps.has(p));
  io.digitalWrite(pin, level);
}

/** Sets `pin`'s bit in firmata-io's record of its port, which the next write of that port sends. */
export function setPortBit(io: FirmataIo, pin: number, on: boolean): void {
  const port = pin >> 3, bit = 1 << (pin & 7);
  io.ports[port] = on ? io.ports[port]! | bit : io.ports[port]! & ~bit;
}

/** Whether the board can make `pin` an input with its pull-up on, by either way `setInputMode` knows. */
export const canPullUp = (io: FirmataIo, pin: number): boolean =>
  io.pins[pin]!.supportedModes.includes(io.MODES.PULLUP) || io.pins[pin]!.supportedModes.includes(io.MODES.INPUT);
