// Runs a virtual clock against the wall clock, × speed, for people and for processes on a real network.
import type { VirtualClock } from './clock';

export interface RealTime { speed: number; paused: boolean; stop(): void }

/** Advances `clock` every `tickMs` of wall time by the elapsed wall time × speed (a long stall counts at most 250 ms). */
export function runInRealTime(clock: VirtualClock, speed = 1, tickMs = 20): RealTime {
  let last = Date.now();
  const state: RealTime = {
    speed, paused: false,
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    const now = Date.now(), wall = Math.min(now - last, 250);
    last = now;
    if (!state.paused) clock.advance(wall * state.speed);
  }, tickMs);
  return state;
}
