// The launch bay's physical constants: door travel, pump and vent rates, heat; every one can be overridden per model.

export interface PhysicsConstants {
  /** Ship pressure behind every inner door, kPa: the ship's air is held there by its own plant. */
  shipKpa: number;
  /** Airlock door travel, closed to open, ms. */
  airlockDoorTravelMs: number;
  /** Bay door travel, closed to open, ms: a heavy door on a slow drive. */
  bayDoorTravelMs: number;
  /** A door counts as open (air passes) once past this fraction of its travel: as soon as it leaves its closed limit. */
  doorLeakPosition: number;
  /** Chamber pump, vacuum to ship pressure, ms (a constant-rate compressor). */
  chamberPumpMs: number;
  /** Chamber vent, ship pressure to vacuum, ms. */
  chamberVentMs: number;
  /**
   * Time constant of a chamber equalizing through its open inner door, ms: a door-sized opening into a chamber of a
   * few cubic metres equalizes in a fraction of a second, fast enough to follow even a 100 kPa/s breach.
   */
  innerDoorTauMs: number;
  /** Time constant of a chamber equalizing with the bay through its open outer door, ms. */
  outerDoorTauMs: number;
  /** Chamber volume over bay volume: how much a chamber's air moves the bay when they join. */
  chamberToBayVolume: number;
  /** Bay pump, vacuum to ship pressure, ms. */
  bayPumpMs: number;
  /** Bay vent, ship pressure to vacuum, ms. */
  bayVentMs: number;
  /** Time constant of the bay venting through its open door, ms: five of these empty it below 1 kPa, ~10 s. */
  bayDoorTauMs: number;
  /** Heater warming rate, °C per second, while the bay is pressurized. */
  heaterCPerS: number;
  /** Above this the bay holds air: the heater has air to heat, and the bay drifts to the warm drift point. */
  pressurizedKpa: number;
  /** Where a pressurized, unheated bay settles, °C: the ship's structure around it. */
  warmDriftC: number;
  /** Time constant of that drift, ms: air carries heat slowly out of a large bay. */
  warmDriftTauMs: number;
  /** Where a bay in vacuum settles, °C: the open door and the cold hull. */
  coldDriftC: number;
  /** Time constant of the drift in vacuum, ms. */
  coldDriftTauMs: number;
  /** Pressure sensor noise amplitude, ± kPa. */
  noiseKpa: number;
  /** Temperature sensor noise amplitude, ± °C. */
  noiseC: number;
  /** Longest internal physics step, ms: a long `step()` is split so doors and pumps stay accurate. */
  maxStepMs: number;
}

export const defaultConstants: Readonly<PhysicsConstants> = {
  shipKpa: 101.3,
  airlockDoorTravelMs: 3_000,
  bayDoorTravelMs: 20_000,
  doorLeakPosition: 0.001,
  chamberPumpMs: 8_000,
  chamberVentMs: 8_000,
  innerDoorTauMs: 50,
  outerDoorTauMs: 50,
  chamberToBayVolume: 0.005,
  bayPumpMs: 120_000,
  bayVentMs: 90_000,
  bayDoorTauMs: 2_000,
  heaterCPerS: 1 / 3,
  pressurizedKpa: 50,
  warmDriftC: 12,
  warmDriftTauMs: 600_000,
  coldDriftC: -40,
  coldDriftTauMs: 60_000,
  noiseKpa: 0.2,
  noiseC: 0.1,
  maxStepMs: 100,
};
