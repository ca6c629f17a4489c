// The bench's Clock: real time on Node's timers, since the buttons and switches on the bench live in real time.
import type { Clock, TimerId } from '../../types';

interface WallTimer { handle: ReturnType<typeof setTimeout> | ReturnType<typeof setInterval> | undefined }

export class WallClock implements Clock {
  private readonly origin = performance.now();
  private readonly timers = new Set<WallTimer>();

  /** Milliseconds since the clock was made. */
  now(): number { return performance.now() - this.origin; }

  set(callback: () => void, ms: number, repeatMs?: number): TimerId {
    const timer: WallTimer = { handle: undefined };
    this.timers.add(timer);
    timer.handle = setTimeout(() => {
      if (repeatMs === undefined || !(repeatMs >= 0)) {
        this.timers.delete(timer);
      } else {
        // Moddable's timers also run at most once per millisecond.
        timer.handle = setInterval(callback, Math.max(1, repeatMs));
      }
      callback();
    }, Math.max(0, ms));
    return timer;
  }

  clear(id: TimerId): void {
    const timer = id as WallTimer | undefined;
    if (!timer || !this.timers.has(timer)) return;
    clearTimeout(timer.handle as ReturnType<typeof setTimeout>);
    clearInterval(timer.handle as ReturnType<typeof setInterval>);
    this.timers.delete(timer);
  }

  /** Clears every timer still set, so nothing keeps the process alive. */
  stop(): void {
    for (const timer of [...this.timers]) this.clear(timer);
  }
}
