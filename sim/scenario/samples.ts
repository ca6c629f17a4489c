// Physical samples for `--json` traces: door positions and pressures, quantized, written only when they change,
// after a first line with every machine's start state. From them alone an outside monitor can judge the physical
// invariants (7: no door starts opening across a pressure difference) without trusting any machine's state.
import { stateText } from '../../firmware/core';
import type { SimWorld } from '../world';

export interface PhysicsSample {
  t: number;
  kind: 'start' | 'physics';
  /** On the start line: each machine's state and goal. */
  machines?: { [id: string]: { state: string; goal?: string } };
  /** Door positions in percent of travel (0 closed, 100 open): `bay door`, `airlock A outer`… */
  doors?: { [door: string]: number };
  /** Pressures to the nearest 0.5 kPa: `bay`, `airlock A`… */
  kPa?: { [place: string]: number };
}

/** Door positions are quantized to 1 % of travel, pressures to 0.5 kPa. */
const DOOR_QUANTUM = 1, KPA_QUANTUM = 0.5;
const percent = (position: number) => Math.round(position * 100);
const halfKpa = (kPa: number) => Math.round(kPa / KPA_QUANTUM) * KPA_QUANTUM;

/** Samples the world's physics every `periodMs` on its clock, and emits what changed (everything, the first time). */
export function samplePhysics(world: SimWorld, emit: (sample: PhysicsSample) => void, periodMs = 50): void {
  const last: { [key: string]: number } = {};
  const read = () => {
    const m = world.model, doors: { [d: string]: number } = { 'bay door': percent(m.bayDoor.position) };
    const kPa: { [p: string]: number } = { bay: halfKpa(m.bay.kPa) };
    for (const l of m.letters) {
      doors[`airlock ${l} outer`] = percent(m.airlocks[l].outer.position);
      doors[`airlock ${l} inner`] = percent(m.airlocks[l].inner.position);
      kPa[`airlock ${l}`] = halfKpa(m.airlocks[l].chamberKpa);
    }
    return { doors, kPa };
  };
  const changed = (group: { [k: string]: number }, prefix: string) => {
    const out: { [k: string]: number } = {};
    let any = false;
    for (const [k, v] of Object.entries(group)) if (last[prefix + k] !== v) { out[k] = v; last[prefix + k] = v; any = true; }
    return any ? out : undefined;
  };
  const first = read();
  const machines: PhysicsSample['machines'] = {};
  if (world.powered) {
    for (const [id, m] of Object.entries(world.controller.machines)) if (m) machines[id] = m.goal === undefined ? { state: stateText(m.state) } : { state: stateText(m.state), goal: m.goal };
  }
  emit({ t: world.clock.now(), kind: 'start', machines, doors: changed(first.doors, 'd:'), kPa: changed(first.kPa, 'p:') });
  world.clock.set(() => {
    const now = read(), doors = changed(now.doors, 'd:'), kPa = changed(now.kPa, 'p:');
    if (doors || kPa) emit({ t: world.clock.now(), kind: 'physics', ...(doors ? { doors } : {}), ...(kPa ? { kPa } : {}) });
  }, periodMs, periodMs);
}

/**
 * Invariant 7 judged from samples alone: a door that leaves 0 % (starts opening) while the pressures on its two
 * sides differ by more than the limit (door E: the bay above 1 kPa; an airlock door: more than 5 kPa), allowing
 * one quantum of rounding. Returns each start that breaks it, in words.
 */
export function invariant7FromSamples(samples: readonly PhysicsSample[], shipKpa = 101.3): string[] {
  const doors: { [d: string]: number } = {}, kPa: { [p: string]: number } = {}, found: string[] = [];
  for (const s of samples) {
    const before = { ...doors };
    Object.assign(kPa, s.kPa ?? {});
    Object.assign(doors, s.doors ?? {});
    if (s.kind === 'start') continue;
    for (const [door, at] of Object.entries(s.doors ?? {})) {
      if (!(before[door] === 0 && at > 0)) continue;
      const m = /^airlock (\w+) (outer|inner)$/.exec(door);
      const [a, b, limit] = door === 'bay door' ? [kPa.bay, 0, 1] : m![2] === 'outer' ? [kPa[`airlock ${m![1]}`], kPa.bay, 5] : [kPa[`airlock ${m![1]}`], shipKpa, 5];
      if (Math.abs(a - b) > limit + KPA_QUANTUM) found.push(`${(s.t / 1000).toFixed(2)} s: ${door} started opening across ${a} and ${b} kPa`);
    }
  }
  return found;
}
