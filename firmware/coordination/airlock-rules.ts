// Rules 3 and 4 for the airlocks, their recall on red alert, and the held-back outer goals that resume once the
// bay really is what they need. Every rule that lets a door start opening reads the pressures on both sides.
import { airlockLetters, type AirlockLetter, type MachineId } from '../board/signals';
import type { Transition } from '../core';
import { holdsEmpty, holdsFull, pressuresMatch } from '../thresholds';
import type { CoordinationMemory } from './memory';
import { bayHostileIn, CHANGING, kPaText, STABLE, type CoordinationView } from './view';

const AIRLOCK_IDS = Object.fromEntries(airlockLetters.map((l) => [l, `airlock ${l}`])) as { [L in AirlockLetter]: MachineId };
const id = (l: AirlockLetter) => AIRLOCK_IDS[l];
const letterOf = (t: Transition) => t.machine.name.slice('airlock '.length) as AirlockLetter;
const isOuterGoal = (goal: string | undefined) => goal === 'outer open friendly' || goal === 'outer open hostile';

/**
 * Why airlock `l`'s outer door may not start opening now, or undefined: rule 3 (the environment stable), the bay
 * really as its state claims (a hostile bay that still holds air is not yet empty: the door waits), and the
 * pressures on both sides matching.
 */
function outerRefusal(view: CoordinationView, l: AirlockLetter): string | undefined {
  const why = outerWait(view, l), env = view.state('bay environment'), bay = view.doorKpa('bay');
  if (why === UNSTABLE) return `rule 3: the bay environment is ${env ?? 'unknown'}; the outer door waits until it is stable`;
  if (why === BAY_NOT_THERE) return `the outer door waits: the ${env} bay holds ${kPaText(bay)} kPa, not yet ${env === 'hostile' ? 'empty' : 'full'}`;
  if (why === SIDES_DIFFER) return `the outer door waits: chamber ${kPaText(view.doorKpa(l))} kPa, bay ${kPaText(bay)} kPa`;
  return undefined;
}

const GO = 0, UNSTABLE = 1, BAY_NOT_THERE = 2, SIDES_DIFFER = 3;
// The same judgement without words: the scan asks it of waiting airlocks, and builds no string.
function outerWait(view: CoordinationView, l: AirlockLetter): number {
  const env = view.state('bay environment');
  if (env === undefined || !STABLE[env]) return UNSTABLE;
  const bay = view.doorKpa('bay');
  if (!(env === 'hostile' ? holdsEmpty(bay, view.limits) : holdsFull(bay, view.limits))) return BAY_NOT_THERE;
  return pressuresMatch(view.doorKpa(l), bay, view.limits) ? GO : SIDES_DIFFER;
}

/**
 * Airlock pre hook. A recalled airlock refuses `ask open outer` until it reaches `inner open`. No outer door starts
 * opening unless the environment is stable (rule 3) and the chamber matches the bay; else the goal is held back.
 * No inner door starts opening unless the chamber matches the ship.
 */
export const airlockPre = (view: CoordinationView, memory: CoordinationMemory) => (t: Transition): boolean | string => airlockPreNow(view, memory, t);
function airlockPreNow(view: CoordinationView, memory: CoordinationMemory, t: Transition): boolean | string {
  const l = letterOf(t);
  if (t.event === 'ask open outer' && memory.recalled[l]) return `recalled on red alert: the outer door waits until airlock ${l} has reached inner open`;
  if (t.to === 'opening outer' && t.from !== 'opening outer') {
    const refusal = outerRefusal(view, l);
    if (refusal !== undefined) { memory.heldBack[l] = true; return refusal; }
  }
  if (t.to === 'opening inner' && t.from !== 'opening inner') {
    const chamber = view.doorKpa(l), ship = view.limits.shipKpa;
    if (!pressuresMatch(chamber, ship, view.limits)) return `the inner door waits: chamber ${kPaText(chamber)} kPa, ship ${ship} kPa`;
  }
  return true;
}

/** Airlock post hook: reaching `inner open` ends a recall; a goal that is no longer outer is no longer held back. */
export const airlockPost = (memory: CoordinationMemory) => (t: Transition): void => airlockPostNow(memory, t);
function airlockPostNow(memory: CoordinationMemory, t: Transition): void {
  const l = letterOf(t);
  if (t.to === 'inner open') memory.recalled[l] = false;
  if (!isOuterGoal(t.goalAfter) || t.to === 'opening outer') memory.heldBack[l] = false;
}

/** Red alert, at one airlock: if its outer door is open or opening into the still-friendly bay, call it back inside. */
export function recallAirlock(view: CoordinationView, memory: CoordinationMemory, l: AirlockLetter): void {
  const state = view.state(id(l));
  if (state === 'outer open friendly' || (state === 'opening outer' && view.goal(id(l)) === 'outer open friendly')) {
    memory.recalled[l] = true;
    view.send(id(l), 'ask open inner');
  }
}

/**
 * At one airlock, when the environment it sees changes (`undefined`: no fresh report):
 * - the bay turns toward hostile: whoever is open toward the friendly bay is recalled (G4: whatever the deck did);
 * - it starts changing: an outer door that is opening closes again, keeping its goal (rule 3, G1);
 * - its direction flipped: an airlock in mid-cycle toward the outer door re-plans (rule 4);
 * - it is stable again: a held-back outer goal resumes, if the pressures now allow it.
 */
export function bayChanged(view: CoordinationView, memory: CoordinationMemory, l: AirlockLetter, from: string | undefined, to: string | undefined): void {
  const state = view.state(id(l));
  if (state === undefined) return;
  // Rule 4 as the airlocks read the bay (bayHostileIn): leaving friendly for anything, a fault or no fresh report
  // included, is a turn toward hostile, and whoever is open toward the friendly bay is recalled.
  const toHostile = bayHostileIn(to), flipped = bayHostileIn(from) !== toHostile;
  if (flipped && toHostile) recallAirlock(view, memory, l);
  if (memory.recalled[l]) return; // already on its way in
  if (state === 'opening outer' && (to === undefined || CHANGING[to])) { view.send(id(l), 'bay changing'); return; }
  const midCycle = (state === 'pressurizing' || state === 'depressurizing') && isOuterGoal(view.goal(id(l)));
  if (flipped && midCycle) { memory.heldBack[l] = false; view.send(id(l), 'ask open outer'); return; }
  resumeHeldBack(view, memory, l);
}

/**
 * A held-back outer goal resumes when its next step can go ahead: the environment is stable, and either the
 * chamber must first be pumped toward the bay (that step is always allowed) or the pressures already match.
 * Called on every scan, so an airlock bound for a bay that still holds air waits closed until it is empty.
 */
export function resumeHeldBack(view: CoordinationView, memory: CoordinationMemory, l: AirlockLetter): void {
  if (!memory.heldBack[l]) return;
  const env = view.state('bay environment'), state = view.state(AIRLOCK_IDS[l]);
  if (env === undefined || !STABLE[env] || (state !== 'closed pressurized' && state !== 'closed depressurized')) return;
  const pumpFirst = env === 'hostile' ? state === 'closed pressurized' : state === 'closed depressurized';
  if (pumpFirst || outerWait(view, l) === GO) {
    memory.heldBack[l] = false;
    view.send(AIRLOCK_IDS[l], 'ask open outer');
  }
}
