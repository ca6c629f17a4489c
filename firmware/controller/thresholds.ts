// The physical thresholds at which a reading counts as "reached": the controller's only tuning constants.

export interface Thresholds {
  /** A chamber or the bay at or above this is pressurized (ship pressure is 101.3 kPa). */
  pressurizedKpa: number;
  /** At or below this it is empty (vacuum). */
  vacuumKpa: number;
  /** An outer door may open only when chamber and bay differ by at most this. */
  equalKpa: number;
  /** The bay is warm enough to be friendly at this temperature. */
  warmC: number;
  /** How often the controller scans its sensors for `finished …` conditions. */
  scanMs: number;
}

export const defaultThresholds: Thresholds = { pressurizedKpa: 97, vacuumKpa: 2, equalKpa: 5, warmC: 20, scanMs: 50 };
