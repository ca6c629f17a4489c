// The physical thresholds every part of the firmware judges pressure and warmth by: one definition of "full" and
// "empty", with hysteresis, shared by the pumps, the `finished …` events, the rest decision, reconstruction at
// boot, the sealed-chamber check, the rules that move doors and the interlock (docs/COORDINATION.md, "Pressure").

export interface Thresholds {
  /** Pumping stops at or above this (ship pressure is 101.3 kPa): a pumped chamber or bay ends well inside "full". */
  fullKpa: number;
  /** At or above this a chamber or the bay counts as full: at rest, at boot, and for the next step toward a goal. */
  holdsFullKpa: number;
  /** Venting stops at or below this. */
  emptyKpa: number;
  /** At or below this a chamber or the bay counts as empty. */
  holdsEmptyKpa: number;
  /** The rules let an airlock door start opening only when its two sides differ by at most this. */
  matchKpa: number;
  /** The interlock refuses to start an airlock door whose two sides differ by more than this (invariant 7). */
  equalKpa: number;
  /** The interlock refuses to drive door E open while the bay holds more than this (invariant 7). */
  bayDoorKpa: number;
  /** Behind every inner door: the ship's own plant holds it there. */
  shipKpa: number;
  /** Heating stops here: a bay heated to this is warm. */
  warmC: number;
  /** At or above this a friendly bay still counts as warm (below it, it is sent `cooled`). */
  holdsWarmC: number;
  /**
   * A reset or a boot claims a bay full, and warm, only from these: above the lines a friendly bay is judged by
   * afterwards (holdsFullKpa, holdsWarmC), so noise cannot turn a fresh claim into a leak or a cooling at the next
   * scan. A bay between the two lines holds.
   */
  claimsFullKpa: number;
  claimsWarmC: number;
  /** A friendly bay's thermostat turns the heater on below this and off again at `warmC` and above. */
  thermostatC: number;
  /** How often the controller scans its sensors for `finished …` conditions. */
  scanMs: number;
}

// The gap between "pumping stops" and "counts as" is the hysteresis: sensor noise (±0.2 kPa) around a chamber
// that has just been pumped can never flip it between full and not full. matchKpa leaves 1 kPa below the
// interlock's equalKpa, so two noisy readings a scan apart cannot turn a permitted start into a refusal. Warmth
// the same way: heating stops at warmC, a friendly bay's thermostat holds it between thermostatC and warmC, and it
// counts as warm down to holdsWarmC, so a working heater never lets noise end a friendly claim.
export const defaultThresholds: Thresholds = {
  fullKpa: 99.5, holdsFullKpa: 98, emptyKpa: 0.5, holdsEmptyKpa: 2, matchKpa: 4, equalKpa: 5, bayDoorKpa: 1,
  shipKpa: 101.3, warmC: 20, holdsWarmC: 18, thermostatC: 19.5, claimsFullKpa: 99, claimsWarmC: 19, scanMs: 50,
};

/** A reset or a boot may claim the bay full, or warm (a NaN reading, unknown, never does). */
export const claimsFull = (kPa: number, t: Thresholds): boolean => kPa >= t.claimsFullKpa;
export const claimsWarm = (tempC: number, t: Thresholds): boolean => tempC >= t.claimsWarmC;
/** Counts as warm (a NaN reading, unknown, never does). */
export const holdsWarm = (tempC: number, t: Thresholds): boolean => tempC >= t.holdsWarmC;
/** Counts as full (a NaN reading, unknown, never does). */
export const holdsFull = (kPa: number, t: Thresholds): boolean => kPa >= t.holdsFullKpa;
/** Counts as empty (a NaN reading, unknown, never does). */
export const holdsEmpty = (kPa: number, t: Thresholds): boolean => kPa <= t.holdsEmptyKpa;
/** Two sides of a door are close enough for the rules to let it start opening (unknown never is). */
export const pressuresMatch = (a: number, b: number, t: Thresholds): boolean => Math.abs(a - b) <= t.matchKpa;
