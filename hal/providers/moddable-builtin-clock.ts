// Moddable's Timer and Time.ticks as the injected Clock: what the controller's scans, debounces and beeps run on.
import Time from 'time';
import Timer from 'timer';
import type { Clock, TimerId } from '../types';

/**
 * The device's clock. Moddable's `Timer.set` returns a Timer object (the TimerId we hand back) and calls the
 * callback with it; ours take no arguments and ignore it.
 */
export function createModdableClock(): Clock {
  return {
    now: () => Time.ticks,
    set: (callback: () => void, ms: number, repeatMs?: number): TimerId =>
      repeatMs === undefined ? Timer.set(callback, ms) : Timer.set(callback, ms, repeatMs),
    clear: (id: TimerId) => Timer.clear(id as Timer),
  };
}
