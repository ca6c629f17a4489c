// An airlock: two doors and a chamber between them, with a pump from the ship and a vent valve.
import type { PhysicsConstants } from './constants';
import { createDoor, stepDoor, type Door } from './door';
import { toward, type StepFactors } from './factors';

export interface Airlock {
  /** The door to the bay. */
  outer: Door;
  /** The door to the ship. */
  inner: Door;
  chamberKpa: number;
  pumpOn: boolean;
  ventOn: boolean;
  /** A dead pump runs (its output is on) but moves no air. */
  pumpDead: boolean;
}

export interface AirlockStart {
  chamberKpa?: number;
  pumpOn?: boolean;
  ventOn?: boolean;
  pumpDead?: boolean;
  outer?: Partial<Door>;
  inner?: Partial<Door>;
}

export function createAirlock(c: PhysicsConstants, start?: AirlockStart): Airlock {
  return {
    outer: createDoor(c.airlockDoorTravelMs, start?.outer),
    inner: createDoor(c.airlockDoorTravelMs, start?.inner),
    chamberKpa: start?.chamberKpa ?? c.shipKpa,
    pumpOn: start?.pumpOn ?? false,
    ventOn: start?.ventOn ?? false,
    pumpDead: start?.pumpDead ?? false,
  };
}

/** The air the bay gains from this chamber in this step (negative when the chamber fills from the bay). */
export function stepAirlock(a: Airlock, bayKpa: number, c: PhysicsConstants, f: StepFactors): number {
  const dtMs = f.dtMs;
  stepDoor(a.outer, dtMs);
  stepDoor(a.inner, dtMs);
  let p = a.chamberKpa;
  // Pump and vent move air at a constant rate: a positive-displacement pump and a choked valve.
  if (a.pumpOn && !a.pumpDead) p = toward(p, c.shipKpa, (c.shipKpa * dtMs) / c.chamberPumpMs);
  if (a.ventOn) p = toward(p, 0, (c.shipKpa * dtMs) / c.chamberVentMs);
  // Through an open door the pressures meet; the ship's plant holds the ship at its pressure.
  if (a.inner.position > c.doorLeakPosition) p += (c.shipKpa - p) * f.innerDoor;
  let toBay = 0;
  if (a.outer.position > c.doorLeakPosition) {
    const flow = (bayKpa - p) * f.outerDoor;
    p += flow;
    toBay = -flow * c.chamberToBayVolume;
  }
  a.chamberKpa = p;
  return toBay;
}
