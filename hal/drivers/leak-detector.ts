// A leak detector: an unexpected fall of bay pressure, sampled on the clock, raised once until the pressure holds again.
import type { Clock, TimerId } from '../types';
import { opened } from './opened';

export interface LeakDetectorOptions {
  sensor: { read(): number };
  clock: Clock;
  /** True while a fall is planned (venting, the bay door open): no leak is raised then. */
  isVenting(): boolean;
  onLeak(): void;
  /** The pressure holds again after a leak (it stopped falling): the alarm may end. */
  onHeld?(): void;
  /** Sampling period (default 500 ms). */
  sampleMs?: number;
  /** A fall faster than this over the slow window is a leak (default 0.5 kPa/s). */
  dropKpaPerS?: number;
}

// Two windows: over one to two seconds, sensor noise (±0.2 kPa) is at most 0.4 kPa/s of apparent fall, so a
// slow breach of 0.5 kPa/s is found; over one 500 ms sample, noise is up to 0.8 kPa/s, so a fast breach (over
// 5 kPa/s) is found within half a second, long before the bay is empty. Pumps and heaters never lower the pressure.
const DEFAULT_SAMPLE_MS = 500;
const DEFAULT_DROP_KPA_PER_S = 0.5;
const FAST_DROP_KPA_PER_S = 5;
const SLOW_WINDOW = 4; // samples

export class LeakDetector {
  private readonly sensor: { read(): number };
  private readonly clock: Clock;
  private readonly isVenting: () => boolean;
  private readonly onLeak: () => void;
  private readonly onHeld: () => void;
  private readonly dropKpaPerS: number;
  private readonly timer: TimerId;
  // The last SLOW_WINDOW + 1 samples, as a ring: no allocation per sample.
  private readonly kPa = new Float64Array(SLOW_WINDOW + 1).fill(NaN);
  private readonly at = new Float64Array(SLOW_WINDOW + 1);
  private next = 0;
  private armed = true;

  constructor(o: LeakDetectorOptions) {
    this.sensor = o.sensor;
    this.clock = o.clock;
    this.isVenting = o.isVenting;
    this.onLeak = o.onLeak;
    this.onHeld = o.onHeld ?? (() => {});
    this.dropKpaPerS = o.dropKpaPerS ?? DEFAULT_DROP_KPA_PER_S;
    const sampleMs = o.sampleMs ?? DEFAULT_SAMPLE_MS;
    if (!(sampleMs > 0)) throw new Error(`leak detector: sampleMs must be positive, not ${sampleMs}`);
    this.timer = this.clock.set(() => this.sample(), sampleMs, sampleMs);
    opened(this);
  }

  close(): void { this.clock.clear(this.timer); }

  /** True from a leak until the pressure holds again. */
  get leaking(): boolean { return !this.armed; }

  /** A leak found by other evidence (a friendly bay that no longer holds its air): leaking until it holds. */
  confirm(): void { this.armed = false; }

  /** The fall in kPa/s from `back` samples ago to now; NaN without both readings (no rate without two). */
  private fall(now: number, back: number): number {
    const n = this.kPa.length, i = (this.next - 1 + n) % n, j = (this.next - 1 - back + 2 * n) % n;
    const dt = this.at[i] - this.at[j];
    // By the clock, not the nominal period: a late timer must not turn a slow fall into a fast one.
    return dt > 0 ? ((this.kPa[j] - now) * 1000) / dt : NaN;
  }

  private sample(): void {
    const kPa = this.sensor.read(), n = this.kPa.length;
    // While the fall is planned, the window starts afresh: a fall from before the vent closed is not a leak.
    if (this.armed && this.isVenting()) { this.kPa.fill(NaN); return; }
    this.kPa[this.next] = kPa; this.at[this.next] = this.clock.now();
    this.next = (this.next + 1) % n;
    if (kPa !== kPa) return;
    const fast = this.fall(kPa, 1);
    if (!this.armed) {
      // Held again: it stopped falling for a sample (a leak that slows down is still the same leak).
      // The window starts afresh: the fall that was this leak must not raise it again.
      if (fast <= 0) { this.armed = true; this.kPa.fill(NaN); this.onHeld(); }
      return;
    }
    // The slow window: the oldest reading kept, at least two samples back (over a second, noise is below it).
    let slow = NaN;
    for (let back = SLOW_WINDOW; back >= 2 && slow !== slow; back--) slow = this.fall(kPa, back);
    if (fast > FAST_DROP_KPA_PER_S || slow > this.dropKpaPerS) {
      this.armed = false;
      this.onLeak();
    }
  }
}
