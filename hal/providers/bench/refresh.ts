// Firmata has no acknowledgements: a digital write lost on the line would leave a pump or a door motor running that
// the controller believes it stopped, with nothing to say so until a deadline passes. So every REFRESH_MS each port
// with an open output is written again with the levels last written, and a lost write lasts at most that long.
import { writeOutput, type FirmataIo } from './io';

export const REFRESH_MS = 500;

export class OutputRefresh {
  private readonly outputs = new Set<number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly io: FirmataIo) {}

  add(pin: number): void {
    this.outputs.add(pin);
    if (this.timer) return;
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    // A bench that is done with its board should not be kept running by this.
    this.timer.unref?.();
  }

  remove(pin: number): void {
    this.outputs.delete(pin);
    if (this.outputs.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private refresh(): void {
    const ports = new Set<number>();
    for (const pin of this.outputs) {
      if (ports.has(pin >> 3)) continue;
      ports.add(pin >> 3);
      // One write sends the whole port, every output on it at its last level.
      writeOutput(this.io, pin, this.io.pins[pin]!.value ? 1 : 0);
    }
  }
}
