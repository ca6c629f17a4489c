// A leak detector: an unexpected fall of bay pressure, sampled on the clock, raised once until the pressure holds again.
import type { Clock, TimerId } from '../types';

export interface LeakDetectorOptions {
  sensor: { read(): number };
  clock: Clock;
  /** True while a fall is planned (venting, the bay door open): no leak is raised then. */
  isVenting(): boolean;
  onLeak(): void;
  /** Sampling period (default 500 ms). */
  sampleMs?: number;
  /** A fall faster than this is a leak (default 0.5 kPa/s). */
  dropKpaPerS?: number;
}

// Half a second smooths sensor noise yet catches a breach within a second; pumps and heaters never
// lower the pressure, and a breach in the hull drops it by several kPa a second.
const DEFAULT_SAMPLE_MS = 500;
const DEFAULT_DROP_KPA_PER_S = 0.5;

export class LeakDetector {
  private readonly sensor: { read(): number };
  private readonly clock: Clock;
  private readonly isVenting: () => boolean;
  private readonly onLeak: () => void;
  private readonly dropKpaPerS: number;
  private readonly timer: TimerId;
  private lastKpa = NaN;
  private lastT = 0;
  private armed = true;

  constructor(o: LeakDetectorOptions) {
    this.sensor = o.sensor;
    this.clock = o.clock;
    this.isVenting = o.isVenting;
    this.onLeak = o.onLeak;
    this.dropKpaPerS = o.dropKpaPerS ?? DEFAULT_DROP_KPA_PER_S;
    const sampleMs = o.sampleMs ?? DEFAULT_SAMPLE_MS;
    if (!(sampleMs > 0)) throw new Error(`leak detector: sampleMs must be positive, not ${sampleMs}`);
    this.timer = this.clock.set(() => this.sample(), sampleMs, sampleMs);
  }

  close(): void { this.clock.clear(this.timer); }

  private sample(): void {
    const kPa = this.sensor.read(), t = this.clock.now();
    const lastKpa = this.lastKpa, lastT = this.lastT;
    this.lastKpa = kPa;
    this.lastT = t;
    // No rate without two readings: the first sample, or a sensor with no reading yet (NaN).
    if (kPa !== kPa || lastKpa !== lastKpa || t <= lastT) return;
    // By the clock, not the nominal period: a late timer must not turn a slow fall into a fast one.
    const fallKpaPerS = ((lastKpa - kPa) * 1000) / (t - lastT);
    if (!this.armed) {
      if (fallKpaPerS <= 0) this.armed = true;
      return;
    }
    if (fallKpaPerS > this.dropKpaPerS && !this.isVenting()) {
      this.armed = false;
      this.onLeak();
    }
  }
}
