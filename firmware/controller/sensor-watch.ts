// Judges a sensor's readings: out of range, jumping faster than physics allows, stuck, or silent is a sensor fault.
import type { Clock } from '../../hal/types';

export interface SensorLimits {
  /** Plausible range, in engineering units. */
  min: number;
  max: number;
  /** The fastest the true value can rise, units per second (pumps, heater): faster is a sensor fault. */
  maxRatePerS: number;
  /**
   * The fastest the parts themselves lower it, units per second (vents, the drift of the cold): a faster fall is
   * either a breach or a failing sensor, and is judged by the readings after it (`corroborateMs`).
   */
  maxFallPerS: number;
  /** How far one reading may step beyond those rates and still be physics, in units: the noise. */
  stepMargin: number;
  /**
   * The same while the space is open (`open()` true: a chamber with a door off its closed limit): a door that opens
   * across up to the interlock's 5 kPa equalizes at once. Sealed, a chamber moves only at its pump's or vent's rate,
   * so a sensor that sticks at a plausible value a few kPa away is a jump, not a door.
   */
  openStepMargin?: number;
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
  /**
   * What a breach sealed during a judged fall's window may still take off the readings after the fall without
   * corroborating it (they must fall on by more than twice the noise): the window's end allows for it, and a fall
   * no larger than its reading's allowance and this never counts as come back. 0 where no breach is judged.
   */
  sealSlack: number;
}

// A breach of up to 100 kPa/s empties the bay in a second or more: at least a few readings, each lower, where a
// sensor that fails steps once and stays (or comes back). The bay's vent lowers it by about 1.1 kPa/s, a
// chamber's by 12.7 kPa/s: anything faster is judged. Nothing but a pump raises either: the bay's by about
// 0.85 kPa/s (an airlock that joins it moves it by hundredths, opening within 5 kPa of it), a chamber's by 12.7: a
// faster rise, with a margin, is a sensor that jumped (a reading stuck high while the air is short of it).
export const bayPressureLimits: SensorLimits = { min: -5, max: 115, maxRatePerS: 5, maxFallPerS: 2, stepMargin: 0.5, stuckMs: 5000, clearMs: 1000, corroborateMs: 500, sealSlack: 0.8 };
export const chamberPressureLimits: SensorLimits = { ...bayPressureLimits, maxRatePerS: 15, maxFallPerS: 15, stepMargin: 1, openStepMargin: 5.5, sealSlack: 0 };
/** A chamber counts as open this long after it was last open: a limit switch trips a little before the door seals. */
const OPEN_GRACE_MS = 250;
/**
 * A pressure reading opens a door only if it has moved within this long: a second, ten to twenty readings, where
 * noise moves a live sensor every few (and a frozen one is condemned only at `stuckMs`, 5 s). At the bay's fastest
 * unseen change the detector lets by (a 3 kPa/s breach), a second is 3 kPa: inside invariant 7's 5.
 */
export const MOVING_MS = 1000;
export const temperatureLimits: SensorLimits = { min: -60, max: 70, maxRatePerS: 5, maxFallPerS: 5, stepMargin: 0.5, stuckMs: 30000, clearMs: 1000, corroborateMs: 0, sealSlack: 0 };

// A rise beyond the parts' rate and the step margin is a jump; a fall beyond them is judged. A judged fall is real
// once the readings after it have fallen on by 2 units, or by more than twice the noise (0.8) when its time is up;
// back within half a unit of where it began, it was a step.
const BACK = 0.5, FELL_ON = 2, FELL_AT_ALL = 0.8;
// A breach of up to 100 kPa/s reaches vacuum in one 100 ms reading only from 10 kPa or less: a drop to zero from
// higher is a sensor failing, live noise or not.
const BOTTOM_FROM = 10;
// How a fall is judged (the soak's finding 967): a step comes out of a flat history (or the vent's); a breach's next
// reading continues the trend of the readings before it. So a reading may fall by the parts' rate plus the trend's
// (the parts may vent on top of a breach) over its interval, plus the step margin; only a fall beyond that is
// judged. Without the trend, a slow breach (a few kPa/s: each reading lower by about the parts' rate and the margin)
// was judged afresh at every reading the noise made fall a little more, and one sealed just after such a reading
// left too little fall after it to corroborate it: a healthy sensor condemned on noise. The trend is the fall per ms
// from the oldest reading kept (one every TREND_EVERY_MS at most, no older than TREND_MAX_MS, at least TREND_MIN_MS
// before the last) to the last, 0 if they rose. It is taken plain, not shrunk by the noise: from a flat history the
// noise (a step margin between two readings) over TREND_MIN_MS adds a third of a margin at most to a 100 ms reading's
// allowance, and over a breach it errs by as little, inside the parts' share. A fall out of a flat history, or one
// beyond a breach's trend, is judged as before; and the readings that led to a fault are no trend.
// What a trend cannot show, a breach that begins (or a node boots into) within the window and is sealed in it, the
// window's end allows for: the trend's fall too, and sealSlack, what the readings after a fall may lose without
// corroborating it. So a step that stays is taken as physics up to the parts' fall over the window, sealSlack and
// half the noise (2.2 kPa for the bay, whose readings a breach slower than the watch can see may lose that much), and
// a fall no larger than its reading's allowance and sealSlack does not count as come back: the noise can tip either.
const TREND_SLOTS = 16, TREND_EVERY_MS = 100, TREND_MIN_MS = 300, TREND_MAX_MS = 1500;

export class SensorWatch {
  /** Why the sensor is faulty now, or undefined while it is healthy. */
  fault: string | undefined;
  private last = NaN;
  /** When the reading last changed: a sensor that updates less often than it is sampled repeats itself. */
  private lastAt = -Infinity;
  /** A fast fall being judged: since when, from what, and how many later readings have gone on falling. */
  private suspectSince = -Infinity;
  private suspectFrom = NaN;
  private suspectLow = NaN;
  private liveAtBottom = 0;
  /** A fast fall is under way and corroborated: its next steps, down to vacuum, need no more evidence. */
  private fastFalling = false;
  /** The fall the trend before a judged fall explained, per ms: the window's end allows for it too. */
  private suspectTrend = 0;
  /** How far the judged fall's reading was allowed to fall: beyond it by no more than the seal's slack, it is small. */
  private suspectAllowed = 0;
  /** Readings kept for the trend, when they changed (at most one every TREND_EVERY_MS), as a ring: no allocation per sample. */
  private readonly trendKpa = new Float64Array(TREND_SLOTS).fill(NaN);
  private readonly trendAt = new Float64Array(TREND_SLOTS).fill(-Infinity);
  private trendNext = 0;
  private sameSince = -Infinity;
  private healthySince = -Infinity;
  private changedSinceFault = false;
  /** Seen to change at least once: a live sensor shows noise; one stuck since power-up never does. */
  private live = false;
  /** When `open()` last read true (chamber sensors only). */
  private openAt = -Infinity;

  constructor(
    readonly name: string,
    private readonly source: { read(): number; close?(): void },
    private readonly clock: Clock,
    private readonly limits: SensorLimits,
    /** Whether the space is open to another (a chamber's door off its closed limit): `openStepMargin` then applies. */
    private readonly open?: () => boolean,
  ) {}

  /**
   * The reading, or NaN while the sensor is faulty, under judgement, or not yet seen live (a sensor stuck since
   * power-up must not rebuild a state at boot): unknown never permits anything.
   */
  read(): number { return this.fault === undefined && this.live && this.suspectSince === -Infinity ? this.source.read() : NaN; }

  /**
   * The reading, as `read()`, while it has changed within `withinMs`; NaN once it has stood still longer. A live
   * sensor's noise moves it every few readings: one that froze at the instant the air began to change unseen (a
   * breach starting, or sealed) shows no jump, and is found stuck only after `stuckMs`. What opens a door asks this.
   */
  readMoving(withinMs: number): number { return this.stillMs() <= withinMs ? this.read() : NaN; }

  /** How long the reading has stood still, ms (Infinity before it first changed): a peer ages what it is sent by it. */
  stillMs(): number { return this.clock.now() - this.sameSince; }

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

  /** Closes the sensor it watches (its pin or port), when that can be closed. */
  close(): void { this.source.close?.(); }

  /** Takes a sample; returns the new fault reason when the sensor has just become faulty. */
  sample(): string | undefined {
    const now = this.clock.now(), value = this.source.read(), l = this.limits;
    if (this.open !== undefined && this.open()) this.openAt = now;
    let problem: string | undefined;
    if (Number.isNaN(value)) problem = this.lastAt > -Infinity ? 'no reading' : undefined;
    else if (value < l.min || value > l.max) problem = `out of range (${value.toFixed(1)})`;
    else if (this.suspectSince !== -Infinity) problem = this.judgeFall(value, now);
    else if (Number.isFinite(this.last) && value !== this.last) problem = this.judgeChange(value, now);
    else if (value === this.last && now - this.sameSince >= l.stuckMs) problem = `stuck at ${value.toFixed(1)}`;
    if (!Number.isNaN(value) && value !== this.last) {
      if (this.last === this.last) this.live = true;
      this.sameSince = now; this.changedSinceFault = true;
      this.last = value; this.lastAt = now;
      if (problem === undefined) this.keepForTrend(value, now);
    }
    if (problem !== undefined) {
      this.suspectSince = -Infinity; this.fastFalling = false;
      // What led to a fault is no trend: readings count again from the fault on.
      this.trendKpa.fill(NaN); this.trendAt.fill(-Infinity);
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

  // A change since the last reading: a rise faster than any part causes is a fault; a fall faster than the parts
  // cause is judged by what follows, unless it continues a fast fall already corroborated (a breach ending at vacuum).
  // A fall that only continues the trend of the readings before it (a breach under way, at its own rate) is not a
  // fresh fall: only what goes beyond the parts' rate, the trend and the noise is judged.
  private judgeChange(value: number, now: number): string | undefined {
    const l = this.limits, dtMs = Math.max(now - this.lastAt, 50), dt = dtMs / 1000, delta = value - this.last;
    // A chamber (openStepMargin) is sealed while both its doors are at their closed limits: no breach reaches it
    // then, so a fall faster than its vent is a sensor that jumped, with nothing to judge.
    const open = l.openStepMargin !== undefined && this.open !== undefined ? now - this.openAt <= OPEN_GRACE_MS : undefined;
    const margin = open === true ? l.openStepMargin! : l.stepMargin;
    if (delta > l.maxRatePerS * dt + Math.max(margin, 1)) return `jumped from ${this.last.toFixed(1)} to ${value.toFixed(1)}`;
    if (!(-delta > l.maxFallPerS * dt + margin)) { this.fastFalling = false; return undefined; }
    if (this.fastFalling) return undefined;
    if (l.corroborateMs <= 0 || open === false) return `jumped from ${this.last.toFixed(1)} to ${value.toFixed(1)}`;
    const trend = this.trendPerMs(), allowed = l.maxFallPerS * dt + margin + trend * dtMs;
    if (!(-delta > allowed)) return undefined;
    this.suspectSince = now; this.suspectFrom = this.last; this.suspectLow = value; this.liveAtBottom = 0;
    this.suspectTrend = trend; this.suspectAllowed = allowed;
    return undefined;
  }

  // The fall per ms from the oldest reading kept (no older than TREND_MAX_MS, at least TREND_MIN_MS before the last)
  // to the last reading; 0 without such a reading, or when they did not fall.
  private trendPerMs(): number {
    const last = this.lastAt;
    for (let k = 1; k <= TREND_SLOTS; k++) {
      const i = (this.trendNext + k) % TREND_SLOTS, at = this.trendAt[i];
      if (!(at >= last - TREND_MAX_MS)) continue;
      if (last - at < TREND_MIN_MS) return 0;
      const fell = this.trendKpa[i] - this.last;
      return fell > 0 ? fell / (last - at) : 0;
    }
    return 0;
  }

  private keepForTrend(value: number, now: number): void {
    if (now - this.trendAt[this.trendNext] < TREND_EVERY_MS) return;
    this.trendNext = (this.trendNext + 1) % TREND_SLOTS;
    this.trendKpa[this.trendNext] = value; this.trendAt[this.trendNext] = now;
  }

  // A fast fall, judged by what follows: readings that fall on corroborate it (a breach, not a fault); readings
  // that stay where the fall landed, or come back, show a sensor that stepped.
  private judgeFall(value: number, now: number): string | undefined {
    const from = this.suspectFrom.toFixed(1), fell = this.suspectLow - value;
    // Landed at vacuum, where nothing falls further: real if the readings there are live (noise moves them), a sensor
    // stuck at zero if they are not. Near vacuum, noise is all that moves, so it is not a way back either.
    if (value <= FELL_AT_ALL / 2 && this.suspectFrom <= BOTTOM_FROM) {
      if (value !== this.last && ++this.liveAtBottom >= 2) { this.suspectSince = -Infinity; return undefined; }
    } else if (value > this.suspectFrom - BACK && this.suspectFrom - this.suspectLow > this.suspectAllowed + this.limits.sealSlack) {
      return `jumped from ${from} to ${this.suspectLow.toFixed(1)} and back to ${value.toFixed(1)}`;
    }
    const elapsed = now - this.suspectSince, timeUp = elapsed >= this.limits.corroborateMs;
    if (fell >= FELL_ON || (timeUp && fell > FELL_AT_ALL)) { this.suspectSince = -Infinity; this.fastFalling = true; return undefined; }
    if (!timeUp) return undefined;
    // By now the parts alone would have brought it here: physics. (The environment's dwell at vacuum covers the rest.)
    // So would a breach already under way at its trend, or one sealed during the window (its last fall unseen).
    const explained = (this.limits.maxFallPerS / 1000 + this.suspectTrend) * elapsed + this.limits.sealSlack;
    if (this.suspectFrom - explained <= value + FELL_AT_ALL / 2) { this.suspectSince = -Infinity; return undefined; }
    return `jumped from ${from} to ${value.toFixed(1)}`;
  }
}
