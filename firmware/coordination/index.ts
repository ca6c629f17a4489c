// The business logic of COORDINATION.md as hooks on the machines, outside them.
import { airlockLetters, type MachineId } from '../board/signals';
import type { PostHook, PreHook, Transition } from '../core';
import { airlockPost, airlockPre, airlocksFollowBay, recallAirlocks } from './airlock-rules';
import { bayDoorPre, bayEnvironmentPre, closeDoorOnFault, leakAlert, recordEvidence } from './bay-rules';
import { deckPost, deckPre, driveDeck } from './deck-drive';
import { createMemory, type CoordinationMemory } from './memory';
import type { CoordinationView } from './view';

export { copyMemory, createMemory, type CoordinationMemory } from './memory';
export { requirementsMet } from './deck-drive';
export { bayHostileIn, CHANGING, HOSTILE_DIRECTION, STABLE, type CoordinationView } from './view';

export interface Coordination {
  readonly memory: CoordinationMemory;
  readonly hooks: { [id in MachineId]?: { pre: PreHook[]; post: PostHook[] } };
}

export function createCoordination(view: CoordinationView, memory: CoordinationMemory = createMemory()): Coordination {
  const drive = () => driveDeck(view, memory);
  const redAlert = (t: Transition) => {
    if ((t.to === 'readying' || t.to === 'activating') && t.from !== 'readying' && t.from !== 'activating') recallAirlocks(view, memory);
  };
  const hooks: Coordination['hooks'] = {
    'battle deck': { pre: [deckPre(memory)], post: [deckPost(view, memory), redAlert, drive] },
    'bay door': { pre: [bayDoorPre(view)], post: [recordEvidence(memory, 'bayDoor'), drive] },
    'bay environment': {
      pre: [bayEnvironmentPre(view)],
      post: [recordEvidence(memory, 'bayEnvironment'), leakAlert(view), closeDoorOnFault(view), airlocksFollowBay(view, memory), drive],
    },
  };
  for (const l of airlockLetters) hooks[`airlock ${l}`] = { pre: [airlockPre(view, memory)], post: [airlockPost(memory)] };
  return { memory, hooks };
}
