// After power returns, every machine's state is rebuilt from the sensors, never assumed; whatever is found
// between states is brought to a safe rest. Pure functions of readings, so they are tested on their own.
import { settledShown } from '../coordination';
import { environmentFromSensors } from '../machines/bay-environment';
import { claimsFull, claimsWarm, holdsEmpty, holdsFull, type Thresholds } from '../thresholds';

export interface DoorReading { open: boolean; closed: boolean }
export interface Restart { state: string; goal?: string }

/** Door E: where its limits say; between them it closes (the safe direction); both limits at once is a fault. */
export function bayDoorAfterBoot(d: DoorReading): Restart {
  if (d.open && d.closed) return { state: 'faulted' };
  return { state: d.closed ? 'closed' : d.open ? 'open' : 'closing' };
}

/**
 * The environment, as a reset takes it (the same function): door E open or the bay empty is hostile (G5: never
 * door E open under a bay that is not hostile), full and warm friendly; anything else holds where it is (nothing
 * pumps, vents or heats until the deck is asked anew: a restart resumes nothing).
 */
export function environmentAfterBoot(kPa: number, tempC: number, doorClosed: boolean, t: Thresholds): Restart {
  // Door E open to space makes the bay hostile whatever its sensors can say, even nothing at all.
  if (!doorClosed) return { state: 'hostile' };
  if (!Number.isFinite(kPa) || !Number.isFinite(tempC)) return { state: 'faulted' };
  return { state: environmentFromSensors({
    bayDoorClosed: () => doorClosed, bayFull: () => claimsFull(kPa, t), bayEmpty: () => holdsEmpty(kPa, t), bayWarm: () => claimsWarm(tempC, t),
  }) };
}

// The deck's goal is the operator's intent, which no sensor shows and no boot may invent: the deck holds none until
// the bridge asks (invariant 9). Its state may claim only what the fresh evidence shows, as a goal-less deck's claims
// always do (settledShown): a settled state whose requirements all hold, else standing by.
export function deckAfterBoot(environment: string | undefined, door: string | undefined): Restart {
  return { state: settledShown(door, environment) ?? 'standing by' };
}

/** An airlock: at rest where its doors and chamber say; a door caught moving closes; a chamber caught between fills. */
export function airlockAfterBoot(outer: DoorReading, inner: DoorReading, chamberKpa: number, bayHostile: boolean, t: Thresholds): Restart {
  if ((outer.open && outer.closed) || (inner.open && inner.closed) || !Number.isFinite(chamberKpa)) return { state: 'faulted' };
  if (!outer.closed && !inner.closed) return { state: 'faulted' };
  if (!outer.closed) return { state: outer.open ? (bayHostile ? 'outer open hostile' : 'outer open friendly') : 'closing outer' };
  if (!inner.closed) return { state: inner.open ? 'inner open' : 'closing inner' };
  if (holdsFull(chamberKpa, t)) return { state: 'closed pressurized' };
  if (holdsEmpty(chamberKpa, t)) return { state: 'closed depressurized' };
  return { state: 'pressurizing' };
}
