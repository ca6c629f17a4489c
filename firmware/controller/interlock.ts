// The last line of defence: refuses to drive a door open (or the bay pump and heater on) when
// COORDINATION.md's safety invariants keep it closed, whatever a machine says. It reads sensors, not intentions.
import type { Thresholds } from './thresholds';

/** What the interlock reads. Unknown values are NaN or undefined, and unknown never permits. */
export interface InterlockFacts {
  /** The bay environment's state, if this controller knows it. */
  bayEnvironment(): string | undefined;
  /** Rule 4: the bay's direction as the airlocks see it (unknown or faulted counts as hostile). */
  bayHostile(): boolean;
  bayKpa(): number;
  chamberKpa(airlock: string): number;
  /** True when the door's closed limit switch is tripped. */
  doorClosed(door: string): boolean;
}

const CHANGING: { [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };

/** Why opening `door` is refused now, or undefined if it is permitted. Door names: `bay door`, `airlock B outer door`… */
export function refuseDoorOpen(door: string, facts: InterlockFacts, limits: Thresholds): string | undefined {
  if (door === 'bay door') {
    const env = facts.bayEnvironment();
    return env === 'hostile' ? undefined : `bay door may open only while the bay environment is hostile (it is ${env ?? 'unknown'})`;
  }
  const airlock = door.slice(0, door.indexOf(' ', 'airlock '.length));
  const chamber = facts.chamberKpa(airlock);
  if (door.endsWith('outer door')) {
    if (!facts.doorClosed(`${airlock} inner door`)) return `${door}: the inner door is not closed`;
    const env = facts.bayEnvironment();
    if (env === undefined || CHANGING[env]) return `${door}: the bay environment is ${env ?? 'unknown'}`;
    const bay = facts.bayKpa();
    if (!(Math.abs(chamber - bay) <= limits.equalKpa)) return `${door}: chamber ${fmt(chamber)} kPa and bay ${fmt(bay)} kPa differ`;
    return undefined;
  }
  if (!facts.doorClosed(`${airlock} outer door`)) return `${door}: the outer door is not closed`;
  if (!(chamber >= limits.pressurizedKpa)) return `${door}: chamber at ${fmt(chamber)} kPa is below ship pressure`;
  return undefined;
}

/** Why warming or pressurizing the bay is refused now (invariant 4), or undefined. */
export function refuseBayAir(facts: InterlockFacts): string | undefined {
  return facts.doorClosed('bay door') ? undefined : 'the bay may not pressurize or heat while the bay door is not closed';
}

const fmt = (kPa: number) => (Number.isFinite(kPa) ? kPa.toFixed(1) : 'unknown');
