// Rules 1 and 2 for door E and the bay environment, and a leak putting the deck on red alert.
import type { Transition } from '../core';
import { deckRequirements } from '../machines';
import type { CoordinationMemory } from './memory';
import type { CoordinationView } from './view';

/**
 * Door E pre hook (rule 2): the door may not start opening unless the environment is hostile, nor while the
 * deck is unknown (the bridge silent): opening door E is the deck's decision alone.
 */
export const bayDoorPre = (view: CoordinationView) => (t: Transition): boolean =>
  t.to !== 'opening' || (view.state('bay environment') === 'hostile' && view.state('battle deck') !== undefined);

/**
 * Environment pre hook. Rule 1: a request moves the environment only toward what the deck's goal requires;
 * with no deck known, it stays as it is. Rule 2: it may not start pressurizing unless door E is closed.
 */
export const bayEnvironmentPre = (view: CoordinationView) => (t: Transition): boolean => {
  if (t.to === 'pressurizing' && view.state('bay door') !== 'closed') return false;
  if (t.event === 'hostile requested' || t.event === 'friendly requested') {
    const goal = view.goal('battle deck') as keyof typeof deckRequirements | undefined;
    const wanted = goal ? deckRequirements[goal].bayEnvironment : undefined;
    return t.event === `${wanted} requested`;
  }
  return true;
};

/** Evidence: the deck's view follows door E's and the environment's reported states. */
export const recordEvidence = (memory: CoordinationMemory, which: 'bayDoor' | 'bayEnvironment') => (t: Transition): void => {
  memory.evidence[which] = t.to;
};

/** A leak while the deck is relaxed or relaxing puts it on red alert by itself. */
export const leakAlert = (view: CoordinationView) => (t: Transition): void => {
  const deck = view.state('battle deck');
  if (t.event === 'leak' && (deck === 'relaxed' || deck === 'relaxing')) view.send('battle deck', 'ready requested');
};

/** A faulted environment is not known to be hostile, so door E closes: the fail-safe position (invariant 3). */
export const closeDoorOnFault = (view: CoordinationView) => (t: Transition): void => {
  const door = view.state('bay door');
  if (t.to === 'faulted' && door !== undefined && door !== 'closed' && door !== 'closing') view.send('bay door', 'close requested');
};
