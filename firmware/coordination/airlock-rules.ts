// Rules 3 and 4 for the airlocks, and their recall on red alert.
import { airlockLetters, type AirlockLetter, type MachineId } from '../board/signals';
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

/** Red alert: every airlock whose outer door is open or opening into the still-friendly bay is called back inside. */
export function recallAirlocks(view: CoordinationView, memory: CoordinationMemory): void {
  for (const l of airlockLetters) {
    const state = view.state(id(l));
    if (state === 'outer open friendly' || (state === 'opening outer' && view.goal(id(l)) === 'outer open friendly')) {
      memory.recalled[l] = true;
      view.send(id(l), 'ask open inner');
    }
  }
}

/**
 * Environment post hook for rule 4: when its direction flips, airlocks in mid-cycle toward the outer door re-plan
 * (`ask open outer` re-reads bayHostile); once it is stable again, held-back outer goals resume.
 */
export const airlocksFollowBay = (view: CoordinationView, memory: CoordinationMemory) => (t: Transition): void => {
  const flipped = !!HOSTILE_DIRECTION[t.from] !== !!HOSTILE_DIRECTION[t.to];
  const stable = STABLE[t.to] === true;
  for (const l of airlockLetters) {
    const state = view.state(id(l));
    if (state === undefined) continue;
    const midCycle = (state === 'pressurizing' || state === 'depressurizing') && isOuterGoal(view.goal(id(l)));
    if ((flipped && midCycle) || (stable && memory.heldBack[l])) {
      memory.heldBack[l] = false;
      view.send(id(l), 'ask open outer');
    }
  }
};
