// The launch bay's air and heat: its pump, vent valve and heater, the open bay door, and a hull leak.
import type { PhysicsConstants } from './constants';
import { toward, type StepFactors } from './factors';

export interface Bay {
  kPa: number;
  tempC: number;
  pumpOn: boolean;
  ventOn: boolean;
  heaterOn: boolean;
  pumpDead: boolean;
  /** A hull breach: air lost every second, kPa/s (0: sound hull). */
  leakKpaPerS: number;
}

export function createBay(c: PhysicsConstants, start?: Partial<Bay>): Bay {
  return {
    kPa: start?.kPa ?? c.shipKpa,
    tempC: start?.tempC ?? 20,
    pumpOn: start?.pumpOn ?? false,
    ventOn: start?.ventOn ?? false,
    heaterOn: start?.heaterOn ?? false,
    pumpDead: start?.pumpDead ?? false,
    leakKpaPerS: start?.leakKpaPerS ?? 0,
  };
}

/** Pressure for one step; `doorPosition` is the bay door's. */
export function stepBayAir(bay: Bay, doorPosition: number, c: PhysicsConstants, f: StepFactors): void {
  const dtMs = f.dtMs;
  let p = bay.kPa;
  if (bay.pumpOn && !bay.pumpDead) p = toward(p, c.shipKpa, (c.shipKpa * dtMs) / c.bayPumpMs);
  if (bay.ventOn) p = toward(p, 0, (c.shipKpa * dtMs) / c.bayVentMs);
  // The open door is a huge opening to space: the pressure falls exponentially, seconds not minutes.
  if (doorPosition > c.doorLeakPosition) p -= p * f.bayDoor;
  if (bay.leakKpaPerS > 0) p = toward(p, 0, (bay.leakKpaPerS * dtMs) / 1000);
  bay.kPa = p < 0 ? 0 : p;
}

/** Temperature for one step: the heater heats only air; the bay always drifts toward its surroundings. */
export function stepBayHeat(bay: Bay, c: PhysicsConstants, f: StepFactors): void {
  const pressurized = bay.kPa > c.pressurizedKpa;
  let t = bay.tempC;
  if (bay.heaterOn && pressurized) t += (c.heaterCPerS * f.dtMs) / 1000;
  t += pressurized ? (c.warmDriftC - t) * f.warmDrift : (c.coldDriftC - t) * f.coldDrift;
  bay.tempC = t;
}
