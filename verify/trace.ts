// A counterexample as a readable trace: the path of canonical states is replayed on concrete airlocks, each
// step named by the event that made it, with what the machines and the world looked like after.
import { AIR, argOf, ASK, BAY_DOOR, BOOTED, DEADLINE, DECK_REQUESTS, DOOR, ENVIRONMENT, EventList, FINISH, kindOf, LEAK, REBOOT, REQUEST, RESET, SEAL, SENSOR, slotOf } from './events';
import { stateText } from '../firmware/core';
import type { Model } from './model';
import { apply, enabledEvents, slotMachine } from './step';
import type { StateStore } from './store';
import { LEVEL_NAMES, POSITION_NAMES } from './world';

type StepKind = 'operator' | 'disturbance' | 'fault' | 'progress';

export interface TraceStep {
  /** The event as the world sends it, e.g. `press airlock B button 2`, `airlock B: finished opening outer`. */
  event: string;
  kind: StepKind;
  /** The packed event (verify/events.ts), on concrete airlock letters. */
  code: number;
  /** The machines' states and goals after the step, by machine. */
  states: { [id: string]: { state: string; goal?: string } };
  /** The world after the step: `bay`, `hull`, `door E`, `airlock B chamber`, `airlock B outer`… */
  world: { [part: string]: string };
}

const KIND: { [kind: number]: StepKind } = {
  [REQUEST]: 'operator', [ASK]: 'operator', [RESET]: 'operator', [LEAK]: 'disturbance', [SEAL]: 'disturbance',
  [DEADLINE]: 'fault', [SENSOR]: 'fault', [REBOOT]: 'fault', [BOOTED]: 'progress', [FINISH]: 'progress', [DOOR]: 'progress', [AIR]: 'progress',
};

/** The event `e` in words, read in the state now (before it is applied). */
function describe(model: Model, e: number): string {
  const slot = slotOf(e), machine = slotMachine(model, slot), letter = machine.slice(-1);
  switch (kindOf(e)) {
    case REQUEST: return `deck request: ${DECK_REQUESTS[argOf(e)]}`;
    case ASK: return `press ${machine} button ${argOf(e) === 0 ? 2 : 3} (ask open ${argOf(e) === 0 ? 'outer' : 'inner'})`;
    case LEAK: return 'hull breach: the bay leaks';
    case SEAL: return 'the breach is sealed';
    case DEADLINE: return `${machine}: deadline missed in ${model.system.machines[machine]!.state}`;
    case SENSOR: return `${machine}: sensor fault`;
    case RESET: return `${machine}: operator reset`;
    case REBOOT: return 'power lost and back: reboot, every state unknown';
    case BOOTED: return `sensors read: every state rebuilt${argOf(e) === 1 ? ' (bay full but cold)' : ''}`;
    case FINISH: return `${machine}: finished ${model.system.machines[machine]!.state}`;
    case DOOR: {
      const name = slot === BAY_DOOR ? 'door E' : `airlock ${letter} ${argOf(e) === 0 ? 'outer' : 'inner'} door`;
      const at = slot === BAY_DOOR ? model.world.bayDoor : argOf(e) === 0 ? model.world.airlocks[slot - 2].outer : model.world.airlocks[slot - 2].inner;
      return `${name} moves on from ${POSITION_NAMES[at]}`;
    }
    default: {
      const name = slot === ENVIRONMENT ? 'bay' : `airlock ${letter} chamber`;
      const at = slot === ENVIRONMENT ? model.world.bay : model.world.airlocks[slot - 2].chamber;
      return `${name} pressure ${argOf(e) === 0 ? 'rises' : 'falls'} from ${LEVEL_NAMES[at]}`;
    }
  }
}

/** What the machines and the world look like now. */
export function picture(model: Model): Pick<TraceStep, 'states' | 'world'> {
  const states: TraceStep['states'] = {}, w = model.world;
  for (const id of model.ids) {
    const m = model.system.machines[id]!;
    states[id] = m.goal === undefined ? { state: stateText(m.state) } : { state: stateText(m.state), goal: m.goal };
  }
  const world: TraceStep['world'] = { bay: LEVEL_NAMES[w.bay], hull: w.breach ? 'breached' : 'sealed', 'door E': POSITION_NAMES[w.bayDoor] };
  w.airlocks.forEach((a, i) => {
    const l = `airlock ${model.letters[i]}`;
    world[`${l} chamber`] = LEVEL_NAMES[a.chamber]; world[`${l} outer`] = POSITION_NAMES[a.outer]; world[`${l} inner`] = POSITION_NAMES[a.inner];
  });
  return { states, world };
}

/**
 * Replays the canonical states `path` (from the initial state) on concrete airlocks: at each step, the enabled
 * event whose successor is the next state (for `impossibleLast`, one that reports an impossible event on the
 * last step). Leaves the model in the last state, with that step's impossible events.
 */
export function replay(model: Model, store: StateStore, path: readonly number[], impossibleLast = false): TraceStep[] {
  const n = store.width, concrete = new Uint32Array(n), next = new Uint32Array(n), list = new EventList(), steps: TraceStep[] = [];
  concrete.set(store.words.subarray(path[0] * n, path[0] * n + n));
  for (let j = 1; j < path.length; j++) {
    model.load(concrete, 0);
    enabledEvents(model, list);
    let done = false;
    for (let k = 0; k < list.length && !done; k++) {
      const e = list.codes[k];
      model.load(concrete, 0);
      const name = describe(model, e);
      apply(model, e);
      model.save(next, 0, true);
      if (!store.equal(path[j], next, 0)) continue;
      if (impossibleLast && j === path.length - 1 && model.impossible.length === 0) continue;
      model.save(concrete, 0, false);
      steps.push({ event: name, kind: KIND[kindOf(e)], code: e, ...picture(model) });
      done = true;
    }
    if (!done) throw new Error(`verify: cannot replay step ${j} of a counterexample (the model is not deterministic)`);
  }
  // Stay in the last state as the last step left it (its impossible events included).
  return steps;
}

/** The path of states from the initial one to `state`, by the parents the search recorded. */
export function pathTo(store: StateStore, state: number): number[] {
  const path: number[] = [];
  for (let s = state; s >= 0; s = store.parent[s]) path.push(s);
  return path.reverse();
}

/** The trace as numbered lines: each event, then what it changed. `loopsTo`: the step a waiting loop returns to. */
export function formatTrace(start: Pick<TraceStep, 'states' | 'world'>, steps: readonly TraceStep[], loopsTo?: number): string {
  const all = (p: Pick<TraceStep, 'states' | 'world'>) => [
    ...Object.entries(p.states).map(([id, x]) => `${id} ${x.state}${x.goal ? ` (goal ${x.goal})` : ''}`),
    ...Object.entries(p.world).map(([part, v]) => `${part} ${v}`),
  ];
  const lines = [`  start: ${all(start).join(', ')}`];
  let before = all(start);
  steps.forEach((s, i) => {
    const now = all(s), changed = now.filter((x) => !before.includes(x));
    lines.push(`${String(i + 1).padStart(3)}. [${s.kind}] ${s.event}`, `       → ${changed.join(', ') || 'no change'}`);
    before = now;
  });
  if (loopsTo !== undefined) lines.push(`       ↺ and from here back to the state after step ${loopsTo}, for ever`);
  return lines.join('\n');
}
