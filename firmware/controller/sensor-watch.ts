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
  /**
   * A fall faster than maxRatePerS may be real (a hull breach): it is judged by the readings after it. If they
   * keep falling it is corroborated; if they stop or rise again within this long, it was a sensor fault. Until
   * then the reading is unknown, so nothing acts on it. 0: every jump is a fault at once.
   */
  corroborateMs: number;
}

// A breach of up to 100 kPa/s empties the bay in a second or more: at least a few readings, each lower, where a
// sensor that fails steps once and stays (or comes back).
export const pressureLimits: SensorLimits = { min: -5, max: 115, maxRatePerS: 60, stuckMs: 5000, clearMs: 1000, corroborateMs: 500 };
export const temperatureLimits: SensorLimits = { min: -60, max: 70, maxRatePerS: 5, stuckMs: 30000, clearMs: 1000, corroborateMs: 0 };

// A corroborating reading must fall by more than noise (±0.2 kPa) below the one before it.
const FALLING_KPA = 0.5;
const CORROBORATIONS = 2;

export class SensorWatch {
  /** Why the sensor is faulty now, or undefined while it is healthy. */
  fault: string | undefined;
  private last = NaN;
  /** When the reading last changed: a sensor that updates less often than it is sampled repeats itself. */
  private lastAt = -Infinity;
  /** A fast fall being judged: since when, from what, and how many later readings have gone on falling. */
  private suspectSince = -Infinity;
  private suspectFrom = NaN;
  private corroborated = 0;
  /** The last change of the reading: a fast fall that continues one already under way needs no more evidence. */
  private lastDelta = 0;
  private sameSince = -Infinity;
  private healthySince = -Infinity;
  private changedSinceFault = false;
  /** Seen to change at least once: a live sensor shows noise; one stuck since power-up never does. */
  private live = false;

  constructor(
    readonly name: string,
    private readonly source: { read(): number },
    private readonly clock: Clock,
    private readonly limits: SensorLimits,
  ) {}

  /**
   * The reading, or NaN while the sensor is faulty, under judgement, or not yet seen live (a sensor stuck since
   * power-up must not rebuild a state at boot): unknown never permits anything.
   */
  read(): number { return this.fault === undefined && this.live && this.suspectSince === -Infinity ? this.source.read() : NaN; }

  /** True once it has given plausible readings that change, as a live sensor's do. */
  get known(): boolean { return this.fault === undefined && this.live && Number.isFinite(this.last); }

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
    else if (this.suspectSince !== -Infinity) problem = this.judgeFall(value, now);
    else if (Number.isFinite(this.last) && Math.abs(value - this.last) > l.maxRatePerS * Math.max(now - this.lastAt, 50) / 1000 + 1) {
      if (value < this.last && l.corroborateMs > 0) {
        // Already falling beyond noise: the breach goes on (and may end at vacuum, where nothing falls further).
        if (!(this.lastDelta < -FALLING_KPA)) { this.suspectSince = now; this.suspectFrom = this.last; this.corroborated = 0; }
      } else problem = `jumped from ${this.last.toFixed(1)} to ${value.toFixed(1)}`;
    } else if (value === this.last && now - this.sameSince >= l.stuckMs) problem = `stuck at ${value.toFixed(1)}`;
    if (!Number.isNaN(value) && value !== this.last) {
      if (this.last === this.last) { this.live = true; this.lastDelta = value - this.last; }
      this.sameSince = now; this.changedSinceFault = true;
      this.last = value; this.lastAt = now;
    }
    if (problem !== undefined) {
      this.suspectSince = -Infinity;
      this.healthySince = -Infinity;
      const fresh = this.fault === undefined;
      this.fault = problem;
      this.changedSinceFault = false;
      return fresh ? `${this.name}: ${problem}` : undefined;
    }
    // A fault clears only on live readings: plausible, and changing (a stuck sensor never changes).
    // (Past here, a fast fall may still be under judgement: read() stays unknown until it is corroborated.)
    if (this.fault !== undefined) {
      if (this.healthySince === -Infinity) this.healthySince = now;
      if (now - this.healthySince >= l.clearMs && this.changedSinceFault) this.fault = undefined;
    }
    return undefined;
  }

  // A fast fall, judged by what follows: readings that keep falling corroborate it (a breach, not a fault);
  // readings that stop falling, or rise again, within corroborateMs show a sensor that stepped.
  private judgeFall(value: number, now: number): string | undefined {
    if (value !== this.last) {
      if (value < this.last - FALLING_KPA) this.corroborated++;
      else if (value > this.last + FALLING_KPA) return `jumped from ${this.suspectFrom.toFixed(1)} to ${this.last.toFixed(1)} and back to ${value.toFixed(1)}`;
    }
    if (this.corroborated >= CORROBORATIONS) { this.suspectSince = -Infinity; return undefined; }
    if (now - this.suspectSince >= this.limits.corroborateMs) return `jumped from ${this.suspectFrom.toFixed(1)} to ${value.toFixed(1)}`;
    return undefined;
  }
}
