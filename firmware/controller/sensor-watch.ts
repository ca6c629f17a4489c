// Judges a sensor's readings: out of range, jumping faster than physics allows, stuck, or silent is a sensor fault.
import type { Clock } from '../../hal/types';

export interface SensorLimits {
  /** Plausible range, in engineering units. */
  min: number;
  max: number;
  /** The fastest the true value can change, units per second (pumps, vents, heater, an open door). */
  maxRatePerS: number;
  /** Identical readings for this long mean a stuck sensor (live sensors always show some noise). */
  stuckMs: number;
  /** Healthy for this long before a fault counts as cleared. */
  clearMs: number;
}

export const pressureLimits: SensorLimits = { min: -5, max: 115, maxRatePerS: 60, stuckMs: 5000, clearMs: 1000 };
export const temperatureLimits: SensorLimits = { min: -60, max: 70, maxRatePerS: 5, stuckMs: 30000, clearMs: 1000 };

export class SensorWatch {
  /** Why the sensor is faulty now, or undefined while it is healthy. */
  fault: string | undefined;
  private last = NaN;
  private lastAt = -Infinity;
  private sameSince = -Infinity;
  private healthySince = -Infinity;
  private changedSinceFault = false;

  constructor(
    readonly name: string,
    private readonly source: { read(): number },
    private readonly clock: Clock,
    private readonly limits: SensorLimits,
  ) {}

  /** The reading, or NaN while the sensor is faulty or has not yet read: unknown never permits anything. */
  read(): number { return this.fault === undefined ? this.source.read() : NaN; }

  /** True once it has given a plausible reading. */
  get known(): boolean { return this.fault === undefined && Number.isFinite(this.last); }

  /**
   * Declares the sensor faulty on evidence from outside it (a reading its surroundings make impossible).
   * Returns the reason when it is new. Like any fault, it clears only on live, plausible readings.
   */
  condemn(problem: string): string | undefined {
    const fresh = this.fault === undefined;
    this.fault = problem;
    this.changedSinceFault = false;
    this.healthySince = -Infinity;
    return fresh ? `${this.name}: ${problem}` : undefined;
  }

  /** Takes a sample; returns the new fault reason when the sensor has just become faulty. */
  sample(): string | undefined {
    const now = this.clock.now(), value = this.source.read(), l = this.limits;
    let problem: string | undefined;
    if (Number.isNaN(value)) problem = this.lastAt > -Infinity ? 'no reading' : undefined;
    else if (value < l.min || value > l.max) problem = `out of range (${value.toFixed(1)})`;
    else if (Number.isFinite(this.last) && Math.abs(value - this.last) > l.maxRatePerS * Math.max(now - this.lastAt, 50) / 1000 + 1) {
      problem = `jumped from ${this.last.toFixed(1)} to ${value.toFixed(1)}`;
    } else if (value === this.last && now - this.sameSince >= l.stuckMs) problem = `stuck at ${value.toFixed(1)}`;
    if (!Number.isNaN(value)) {
      if (value !== this.last) { this.sameSince = now; this.changedSinceFault = true; }
      this.last = value; this.lastAt = now;
    }
    if (problem !== undefined) {
      this.healthySince = -Infinity;
      const fresh = this.fault === undefined;
      this.fault = problem;
      this.changedSinceFault = false;
      return fresh ? `${this.name}: ${problem}` : undefined;
    }
    // A fault clears only on live readings: plausible, and changing (a stuck sensor never changes).
    if (this.fault !== undefined) {
      if (this.healthySince === -Infinity) this.healthySince = now;
      if (now - this.healthySince >= l.clearMs && this.changedSinceFault) this.fault = undefined;
    }
    return undefined;
  }
}
