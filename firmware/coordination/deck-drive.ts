// The battle deck drives door E and the bay environment toward its goal's requirements, in a safe order,
// and claims `now …` only when their reported states show every requirement met: evidence, not intent.
// Settled, it keeps watching: when the evidence stops showing what its state requires, it settles again.
import type { Transition } from '../core';
import { deckRequirements } from '../machines';
import type { CoordinationMemory } from './memory';
import { HOSTILE_DIRECTION, type CoordinationView } from './view';

type Goal = keyof typeof deckRequirements;
const SETTLING: { readonly [state: string]: Goal } = { activating: 'active', readying: 'ready', relaxing: 'relaxed' };
const SETTLED: { readonly [state: string]: Goal } = { active: 'active', ready: 'ready', relaxed: 'relaxed' };
// The settled state that door E's and the environment's states show, by door then environment. No prototype: the
// evidence may be a peer's word, and a name like `constructor` must find nothing.
const byEnvironment = (o: { [env: string]: Goal }) => Object.assign(Object.create(null) as { [env: string]: Goal }, o);
const SHOWN: { readonly [door: string]: { readonly [env: string]: Goal } } = Object.assign(Object.create(null), {
  open: byEnvironment({ hostile: 'active' }), closed: byEnvironment({ hostile: 'ready', friendly: 'relaxed' }),
});

/** The settled deck state that door E's and the environment's states show in full, if any: what a deck with no goal may claim. */
export const settledShown = (door: string | undefined, env: string | undefined): Goal | undefined =>
  (door !== undefined && env !== undefined ? SHOWN[door]?.[env] : undefined);

function requirementsMet(goal: string | undefined, memory: CoordinationMemory): boolean {
  const req = goal ? deckRequirements[goal as Goal] : undefined;
  return !!req && memory.evidence.bayDoor === req.bayDoor && memory.evidence.bayEnvironment === req.bayEnvironment;
}

/** One step of the drive: after any deck, door or environment transition, new evidence, and on every scan. */
export function driveDeck(view: CoordinationView, memory: CoordinationMemory): void {
  if (!view.hosted('battle deck')) return; // only the deck's own node drives, and claims
  const deck = view.state('battle deck');
  if (deck === undefined) return;
  // No goal: nothing is driven. The deck may claim the settled state its evidence shows in full, and no more.
  if (deck === 'standing by') {
    const shown = settledShown(memory.evidence.bayDoor, memory.evidence.bayEnvironment);
    if (shown !== undefined && memory.claimed !== shown) { memory.claimed = shown; view.send('battle deck', `now ${shown}`); }
    return;
  }
  // A faulted door E or environment will come back only through an operator reset, and a reset is followed by no
  // motion until a new request (invariant 9): the deck lets its goal go now, so nothing resumes after the reset.
  if (memory.evidence.bayDoor === 'faulted' || memory.evidence.bayEnvironment === 'faulted') { view.send('battle deck', 'stand by'); return; }
  // A settled deck never shows a state its evidence contradicts (a fault, a reset, a breach, stale evidence).
  if (SETTLED[deck] !== undefined) {
    if (requirementsMet(deck, memory)) return;
    // A relaxed bay found hostile has lost its air (a leak, seen on another node first): red alert, never a
    // re-drive that would pump air into a breached bay. A deck that holds no goal (claimed from evidence after a
    // boot) re-drives nothing: it stands by, with the alarm. Anything else: settle again toward the same goal.
    view.send('battle deck', deck === 'relaxed' && memory.evidence.bayEnvironment === 'hostile' ? 'ready requested'
      : view.goal('battle deck') === undefined ? 'stand by' : 'requirement lost');
    return;
  }
  const goal = SETTLING[deck];
  if (requirementsMet(goal, memory)) {
    if (memory.claimed !== goal) { memory.claimed = goal; view.send('battle deck', `now ${goal}`); }
    return;
  }
  // Commands follow what the deck sees now (a fresh replica on another node); only claims need evidence.
  const req = deckRequirements[goal], door = view.state('bay door'), env = view.state('bay environment');
  // Unknown, no command; a faulted subsystem is missing evidence, and waits for its operator reset.
  if (door === undefined || env === undefined || door === 'faulted' || env === 'faulted') return;
  // Door E: closing is always safe; opening waits for a hostile bay that is really empty (rule 2, read from evidence).
  if (req.bayDoor === 'closed' && door !== 'closed' && door !== 'closing') view.send('bay door', 'close requested');
  if (req.bayDoor === 'open' && env === 'hostile' && view.doorKpa('bay') <= view.limits.emptyKpa && door !== 'open' && door !== 'opening') {
    view.send('bay door', 'open requested');
  }
  // Environment: emptying may start at once; filling waits for door E to be closed (rule 2).
  if (req.bayEnvironment === 'hostile' && !HOSTILE_DIRECTION[env]) view.send('bay environment', 'hostile requested');
  if (req.bayEnvironment === 'friendly' && (HOSTILE_DIRECTION[env] || env === 'holding') && door === 'closed') view.send('bay environment', 'friendly requested');
}

/**
 * Door E or environment post hook: after an operator reset nothing moves that part again until a new request
 * (invariant 9), so a deck on this node lets its goal go, even if it never saw the fault (it is sent once per reset).
 */
export const standByOnReset = (view: CoordinationView) => (t: Transition): void => standByOnResetNow(view, t);
function standByOnResetNow(view: CoordinationView, t: Transition): void {
  const deck = view.state('battle deck');
  if (t.event === 'reset' && view.hosted('battle deck') && deck !== undefined && deck !== 'standing by') view.send('battle deck', 'stand by');
}

/** Deck pre hook: a `now …` is accepted only if the evidence still holds when it is handled. */
export const deckPre = (memory: CoordinationMemory) => (t: Transition): boolean | string => deckPreNow(memory, t);
function deckPreNow(memory: CoordinationMemory, t: Transition): boolean | string {
  if (!t.event.startsWith('now ') || requirementsMet(t.to, memory)) return true;
  return `the evidence no longer shows ${t.to}: door E ${memory.evidence.bayDoor ?? 'unknown'}, environment ${memory.evidence.bayEnvironment ?? 'unknown'}`;
}

/**
 * Deck post hook: a new goal forgets the old claim. The klaxon sounds while readying or activating, and while a
 * deck stands by because a state it showed stopped holding (it re-drives nothing: a person must act).
 */
export const deckPost = (view: CoordinationView, memory: CoordinationMemory) => (t: Transition): void => deckPostNow(view, memory, t);
function deckPostNow(view: CoordinationView, memory: CoordinationMemory, t: Transition): void {
  if (t.goalBefore !== t.goalAfter || t.event.startsWith('now ') || t.event === 'requirement lost' || t.to === 'standing by') memory.claimed = undefined;
  view.alarm(t.to === 'readying' || t.to === 'activating' || (t.to === 'standing by' && SETTLED[t.from] !== undefined));
}
