// The last line of defence: refuses to drive a door open (or the bay pump and heater on) when the physical
// invariants keep it closed, whatever a machine says. It reads sensors, never states or intentions.
import type { Thresholds } from '../thresholds';

/**
 * The bay's pressure as its host reports it to its peers, and how long that reading had stood still, ms, when sent
 * (the facts of a report: firmware/net).
 */
export const BAY_KPA = 'bay kPa', BAY_KPA_STILL = 'bay kPa still ms';

/**
 * What the controller knows of the world: readings, and the environment's state (which the interlock itself never
 * reads; reconstruction does). Unknown values are NaN or undefined, and unknown never permits.
 */
export interface InterlockFacts {
  /** The bay environment's state, if this controller knows it. */
  bayEnvironment(): string | undefined;
  /** Rule 4: the bay's direction as the airlocks see it (unknown or faulted counts as hostile). */
  bayHostile(): boolean;
  /** Pressures, kPa: NaN while unknown. */
  bayKpa(): number;
  chamberKpa(airlock: string): number;
  /**
   * The same for a door's start (the door at its closed limit): NaN too while the reading has not moved for a
   * second, a sensor that may have frozen as the air changed unseen. Absent, the plain readings are used.
   */
  bayKpaMoving?(): number;
  chamberKpaMoving?(airlock: string): number;
  /**
   * Not the interlock's: how long the bay's reading has stood still, ms, on the board that hosts the environment
   * (NaN elsewhere). Its reports carry it with the reading, so that a peer can tell how old the reading is.
   */
  bayKpaStillMs?(): number;
  /** True when the door's closed limit switch is tripped. */
  doorClosed(door: string): boolean;
}

/**
 * Why opening `door` is refused now, or undefined if it is permitted. Door names: `bay door`, `airlock B outer door`…
 * It reads sensors only (invariant 7): door E never opens while the bay holds air; an airlock door never while
 * its two sides differ, nor while its other door is not closed. What the machines' states say does not count.
 */
export function refuseDoorOpen(door: string, facts: InterlockFacts, limits: Thresholds): string | undefined {
  // A start (the door still at its closed limit) asks for readings that have moved lately; a door already on its way
  // is judged on the plain ones, so a quiet sensor never halts it mid-travel.
  // (No closure for the choice: this runs every scan while a door is driven open, and must allocate nothing.)
  const starting = facts.doorClosed(door);
  if (door === 'bay door') {
    const bay = bayReading(facts, starting);
    return bay <= limits.bayDoorKpa ? undefined : `door E may not open while the bay holds ${fmt(bay)} kPa (above ${limits.bayDoorKpa} kPa)`;
  }
  const airlock = door.slice(0, door.indexOf(' ', 'airlock '.length));
  const chamber = starting && facts.chamberKpaMoving ? facts.chamberKpaMoving(airlock) : facts.chamberKpa(airlock);
  if (door.endsWith('outer door')) {
    if (!facts.doorClosed(`${airlock} inner door`)) return `${door}: the inner door is not closed`;
    const bay = bayReading(facts, starting);
    if (!(Math.abs(chamber - bay) <= limits.equalKpa)) return `${door}: chamber ${fmt(chamber)} kPa and bay ${fmt(bay)} kPa differ`;
    return undefined;
  }
  if (!facts.doorClosed(`${airlock} outer door`)) return `${door}: the outer door is not closed`;
  if (!(Math.abs(chamber - limits.shipKpa) <= limits.equalKpa)) return `${door}: chamber ${fmt(chamber)} kPa and ship ${limits.shipKpa} kPa differ`;
  return undefined;
}

/** Why warming or pressurizing the bay is refused now (invariant 4), or undefined. */
export function refuseBayAir(facts: InterlockFacts): string | undefined {
  return facts.doorClosed('bay door') ? undefined : 'the bay may not pressurize or heat while door E is not closed';
}

const bayReading = (facts: InterlockFacts, starting: boolean): number =>
  (starting && facts.bayKpaMoving ? facts.bayKpaMoving() : facts.bayKpa());

const fmt = (kPa: number) => (Number.isFinite(kPa) ? kPa.toFixed(1) : 'unknown');
