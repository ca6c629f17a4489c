// Rules 1 and 2 for door E and the bay environment, and a leak putting the deck on red alert.
import { airlockLetters } from '../board/signals';
import type { Transition } from '../core';
import { deckRequirements } from '../machines';
import type { CoordinationMemory } from './memory';
import { kPaText, type CoordinationView } from './view';

/**
 * Door E pre hook (rule 2, read from evidence): the door may not start opening unless the environment is hostile
 * and the bay really is empty (a leak makes it hostile long before), nor unless the deck's goal is active: opening
 * door E is the deck's decision alone, and a deck that is unknown (the bridge silent) or stands by holds no goal.
 */
export const bayDoorPre = (view: CoordinationView) => (t: Transition): boolean | string => bayDoorPreNow(view, t);
function bayDoorPreNow(view: CoordinationView, t: Transition): boolean | string {
  if (t.to !== 'opening') return true;
  const env = view.state('bay environment');
  if (env !== 'hostile') return `rule 2: door E may start opening only while the bay environment is hostile (it is ${env ?? 'unknown'})`;
  // Only a goal asked for since the last reset or boot counts (invariant 9): the deck's goal must be active now.
  const goal = view.goal('battle deck');
  if (goal !== 'active') return `door E opens only when the deck's goal is active (it is ${goal ?? (view.state('battle deck') === undefined ? 'unknown: the deck is unknown' : 'none: nobody has asked since a reset or a boot')})`;
  const bay = view.doorKpa('bay');
  if (!(bay <= view.limits.emptyKpa)) return `door E waits: the bay still holds ${kPaText(bay)} kPa`;
  return true;
}

/**
 * Environment pre hook. Rule 1: a request moves the environment only toward what the deck's goal requires;
 * with no deck known, it stays as it is. Rule 2: it may not start pressurizing unless door E is closed.
 */
export const bayEnvironmentPre = (view: CoordinationView) => (t: Transition): boolean | string => bayEnvironmentPreNow(view, t);
function bayEnvironmentPreNow(view: CoordinationView, t: Transition): boolean | string {
  if (t.to === 'pressurizing' && view.state('bay door') !== 'closed') return `rule 2: the bay may not start pressurizing while door E is ${view.state('bay door') ?? 'unknown'}`;
  if (t.event === 'hostile requested' || t.event === 'friendly requested') {
    const goal = view.goal('battle deck') as keyof typeof deckRequirements | undefined;
    const wanted = goal ? deckRequirements[goal].bayEnvironment : undefined;
    if (t.event !== `${wanted} requested`) return `rule 1: the deck's goal (${goal ?? 'unknown'}) does not ask for a ${t.event === 'hostile requested' ? 'hostile' : 'friendly'} bay`;
  }
  return true;
}

/** Evidence: the deck's view follows door E's and the environment's reported states. */
export const recordEvidence = (memory: CoordinationMemory, which: 'bayDoor' | 'bayEnvironment') => (t: Transition): void => {
  memory.evidence[which] = t.to;
};

/**
 * The leak detector found the bay losing air. The environment turns hostile (unless it is faulted: G6, the alert
 * goes out all the same); a deck that is relaxed or relaxing goes on red alert by itself; and whoever is open
 * toward the friendly bay is recalled, as on red alert, whatever the deck does.
 */
export function leakDetected(view: CoordinationView): void {
  // The deck first: its red alert must be queued before the environment's hostile state reaches its watch.
  const deck = view.state('battle deck');
  if (deck === 'relaxed' || deck === 'relaxing' || deck === 'standing by') view.send('battle deck', 'ready requested');
  view.send('bay environment', 'leak');
  // Airlocks on this node are recalled here. Elsewhere only the bridge may recall (firmware/net/authority.ts): an
  // airlock's own node recalls it when it sees the environment leave friendly (G4), and the deck's red alert
  // recalls the rest.
  for (let i = 0; i < airlockLetters.length; i++) if (view.hosted(AIRLOCK_IDS[i])) view.recall(airlockLetters[i]);
}
const AIRLOCK_IDS = airlockLetters.map((l) => `airlock ${l}` as const);

/** A faulted environment is not known to be hostile, so door E closes: the fail-safe position (invariant 3). */
export const closeDoorOnFault = (view: CoordinationView) => (t: Transition): void => closeDoorOnFaultNow(view, t);
function closeDoorOnFaultNow(view: CoordinationView, t: Transition): void {
  const door = view.state('bay door');
  if (t.to === 'faulted' && door !== undefined && door !== 'closed' && door !== 'closing') view.send('bay door', 'close requested');
}
