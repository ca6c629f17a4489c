// Firmata has no acknowledgements: a digital write lost on the line would leave a pump or a door motor running that
// the controller believes it stopped, with nothing to say so until a deadline passes, and a lost output mode would
// leave the pin deaf to every write. So every REFRESH_MS each port with an open output is written again with the
// levels last written, and a few outputs at a time are asked for their mode and level, and repaired if the board
// says otherwise: a lost write lasts at most REFRESH_MS, a lost mode a few rounds.
import { PIN_STATE_QUERY, setPortBit, writeOutput, type FirmataIo } from './io';

export const REFRESH_MS = 500;
/** Outputs asked about each round: few, since a burst of questions is what the emulated Mega's StandardFirmata loses. */
const CHECKS_PER_ROUND = 4;

export class OutputRefresh {
  /** The open outputs, each with the level last written. */
  private readonly levels = new Map<number, number>();
  private readonly listeners = new Map<number, () => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private turn = 0;

  constructor(private readonly io: FirmataIo) {}

  add(pin: number): void {
    this.levels.set(pin, 0);
    const listener = () => this.answered(pin);
    this.listeners.set(pin, listener);
    this.io.addListener(`pin-state-${pin}`, listener);
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    // A bench that is done with its board should not be kept running by this.
    this.timer.unref?.();
  }

  /** Writes `level` to the open output `pin`, and keeps it for the rounds. */
  write(pin: number, level: number): void {
    this.levels.set(pin, level);
    writeOutput(this.io, pin, level);
  }

  remove(pin: number): void {
    this.levels.delete(pin);
    const listener = this.listeners.get(pin);
    if (listener) this.io.removeListener(`pin-state-${pin}`, listener);
    this.listeners.delete(pin);
    if (this.levels.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private refresh(): void {
    const ports = new Map<number, number>();
    for (const [pin, level] of this.levels) {
      setPortBit(this.io, pin, level === 1);
      if (!ports.has(pin >> 3)) ports.set(pin >> 3, pin);
    }
    // One write sends the whole port, every output on it at its last level.
    for (const pin of ports.values()) writeOutput(this.io, pin, this.levels.get(pin)!);
    const open = [...this.levels.keys()];
    for (let i = 0; i < Math.min(CHECKS_PER_ROUND, open.length); i++) {
      this.io.sysexCommand([PIN_STATE_QUERY, open[this.turn++ % open.length]!]);
    }
  }

  private answered(pin: number): void {
    const level = this.levels.get(pin);
    if (level === undefined) return;
    const { mode, state } = this.io.pins[pin]!;
    if (mode !== this.io.MODES.OUTPUT) this.io.pinMode(pin, this.io.MODES.OUTPUT);
    if (mode !== this.io.MODES.OUTPUT || state !== level) writeOutput(this.io, pin, level);
  }
}
