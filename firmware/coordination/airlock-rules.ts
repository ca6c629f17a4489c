// Rules 3 and 4 for the airlocks, and their recall on red alert.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Transition } from '../core';
import type { CoordinationMemory } from './memory';
import { HOSTILE_DIRECTION, STABLE, type CoordinationView } from './view';

const id = (l: AirlockLetter) => `airlock ${l}` as MachineId;
const letterOf = (t: Transition) => t.machine.name.slice('airlock '.length) as AirlockLetter;
const isOuterGoal = (goal: string | undefined) => goal === 'outer open friendly' || goal === 'outer open hostile';

/**
 * Airlock pre hook. A recalled airlock refuses `ask open outer` until it reaches `inner open`.
 * Rule 3: no outer door starts opening unless the environment is stable (friendly or hostile); else the goal is held back.
 */
export const airlockPre = (view: CoordinationView, memory: CoordinationMemory) => (t: Transition): boolean => {
  const letter = letterOf(t);
  if (t.event === 'ask open outer' && memory.recalled[letter]) return false;
  if (t.to === 'opening outer' && t.from !== 'opening outer') {
    const env = view.state('bay environment');
    if (env === undefined || !STABLE[env]) { memory.heldBack[letter] = true; return false; }
  }
  return true;
};

/** Airlock post hook: reaching `inner open` ends a recall; a goal that is no longer outer is no longer held back. */
export const airlockPost = (memory: CoordinationMemory) => (t: Transition): void => {
  const letter = letterOf(t);
  if (t.to === 'inner open') memory.recalled[letter] = false;
  if (!isOuterGoal(t.goalAfter) || t.to === 'opening outer') memory.heldBack[letter] = false;
};

/** Red alert, at one airlock: if its outer door is open or opening into the still-friendly bay, call it back inside. */
export function recallAirlock(view: CoordinationView, memory: CoordinationMemory, l: AirlockLetter): void {
  const state = view.state(id(l));
  if (state === 'outer open friendly' || (state === 'opening outer' && view.goal(id(l)) === 'outer open friendly')) {
    memory.recalled[l] = true;
    view.send(id(l), 'ask open inner');
  }
}

/**
 * Rule 4, at one airlock, when the environment it sees changes (`undefined`: no fresh report): if the bay's
 * direction flipped, an airlock in mid-cycle toward the outer door re-plans (`ask open outer` re-reads
 * bayHostile); once the bay is stable again, a held-back outer goal resumes.
 */
export function bayChanged(view: CoordinationView, memory: CoordinationMemory, l: AirlockLetter, from: string | undefined, to: string | undefined): void {
  const state = view.state(id(l));
  if (state === undefined) return;
  const flipped = !!HOSTILE_DIRECTION[from ?? 'unknown'] !== !!HOSTILE_DIRECTION[to ?? 'unknown'];
  const midCycle = (state === 'pressurizing' || state === 'depressurizing') && isOuterGoal(view.goal(id(l)));
  if ((flipped && midCycle) || (to !== undefined && STABLE[to] === true && memory.heldBack[l])) {
    memory.heldBack[l] = false;
    view.send(id(l), 'ask open outer');
  }
}
