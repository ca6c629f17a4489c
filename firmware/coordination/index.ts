// The business logic of COORDINATION.md as hooks on the machines, outside them.
import { airlockLetters, type AirlockLetter, type MachineId } from '../board/signals';
import type { PostHook, PreHook, Transition } from '../core';
import { airlockPost, airlockPre, bayChanged, recallAirlock, resumeHeldBack } from './airlock-rules';
import { bayDoorPre, bayEnvironmentPre, closeDoorOnFault, leakDetected, recordEvidence } from './bay-rules';
import { deckPost, deckPre, driveDeck, standByOnReset } from './deck-drive';
import { createMemory, type CoordinationMemory } from './memory';
import type { CoordinationView } from './view';

export { copyMemory, createMemory, type CoordinationMemory } from './memory';
export { settledShown } from './deck-drive';
export { bayHostileIn, type CoordinationView } from './view';

export interface Coordination {
  readonly memory: CoordinationMemory;
  /** Every machine's hooks; only the hosted ones' when createCoordination was given the hosts. */
  readonly hooks: { [id in MachineId]?: { pre: PreHook[]; post: PostHook[] } };
  /** One step of the deck's drive: after new evidence arrives from another node. */
  drive(): void;
  /**
   * Every scan: the rules that wait on pressures (door E on an empty bay, held-back airlocks on matching sides)
   * and the settled deck's watch over its requirements. Allocates nothing unless it acts.
   */
  watch(): void;
  /** The leak detector found the bay losing air (sent by the node that hosts the environment). */
  leak(): void;
  /** Rule 4 at an airlock hosted here, when the environment it sees (a replica) changes. */
  bayChanged(airlock: AirlockLetter, from: string | undefined, to: string | undefined): void;
  /** The recall at an airlock hosted here (a command from the deck on another node). */
  recall(airlock: AirlockLetter): void;
}

// The hooks' bodies are module functions, and what createCoordination makes per call are one-line closures around
// them: on XS, a closure made at run time by a preloaded module copies its own bytecode into the chunk heap (a module
// function's stays in flash), so a closure's size is RAM on the device (docs/BENCHMARKS.md, "What a board keeps alive").
function recallOnRedAlert(view: CoordinationView, t: Transition): void {
  if ((t.to === 'readying' || t.to === 'activating') && t.from !== 'readying' && t.from !== 'activating') {
    for (const l of airlockLetters) view.recall(l);
  }
}
// Rule 4 for the airlocks on this node; airlocks elsewhere see the environment's reports and do the same there.
function followBayAt(view: CoordinationView, memory: CoordinationMemory, t: Transition): void {
  for (const l of airlockLetters) if (view.hosted(`airlock ${l}`)) bayChanged(view, memory, l, t.from, t.to);
}
const AIRLOCK_IDS = airlockLetters.map((l) => `airlock ${l}` as MachineId);
function watch(view: CoordinationView, memory: CoordinationMemory): void {
  for (let i = 0; i < AIRLOCK_IDS.length; i++) if (view.hosted(AIRLOCK_IDS[i])) resumeHeldBack(view, memory, airlockLetters[i]);
  driveDeck(view, memory);
}

export function createCoordination(view: CoordinationView, memory: CoordinationMemory = createMemory(), hosts?: readonly MachineId[]): Coordination {
  // Named: a mutation of the checker (verify/mutations.ts) drops a hook by its name.
  const drive = () => driveDeck(view, memory);
  const redAlert = (t: Transition) => recallOnRedAlert(view, t), followBay = (t: Transition) => followBayAt(view, memory, t);
  // Only the hosted machines' hooks, when the system says which it hosts: on a device each costs RAM.
  const wanted = (id: MachineId) => !hosts || hosts.includes(id);
  const hooks: Coordination['hooks'] = {};
  if (wanted('battle deck')) hooks['battle deck'] = { pre: [deckPre(memory)], post: [deckPost(view, memory), redAlert, drive] };
  if (wanted('bay door')) hooks['bay door'] = { pre: [bayDoorPre(view)], post: [recordEvidence(memory, 'bayDoor'), standByOnReset(view), drive] };
  if (wanted('bay environment')) {
    hooks['bay environment'] = {
      pre: [bayEnvironmentPre(view)],
      post: [recordEvidence(memory, 'bayEnvironment'), standByOnReset(view), closeDoorOnFault(view), followBay, drive],
    };
  }
  for (const l of airlockLetters) if (wanted(`airlock ${l}`)) hooks[`airlock ${l}`] = { pre: [airlockPre(view, memory)], post: [airlockPost(memory)] };
  return {
    memory, hooks, drive,
    watch: () => watch(view, memory),
    leak: () => leakDetected(view),
    bayChanged: (l, from, to) => bayChanged(view, memory, l, from, to),
    recall: (l) => recallAirlock(view, memory, l),
  };
}
