// The battle deck, the uber machine over door E and the bay environment: MACHINES.md "Battle deck", plus two
// columns and one row of docs/COORDINATION.md. A settled deck keeps watching: `requirement lost` sends it back to
// settling toward its goal when its evidence stops showing what its state requires. `now …` arrives only on
// evidence. A deck with no goal to follow (after a reset or a reboot: only fresh intent counts) stands by.
import { defineMachine, impossible, noChange, to } from '../core';

export const battleDeck = defineMachine({
  name: 'battle deck',
  initial: 'relaxed',
  states: ['active', 'ready', 'relaxed', 'activating', 'readying', 'relaxing', 'standing by'],
  events: ['active requested', 'ready requested', 'relaxed requested', 'now active', 'now ready', 'now relaxed', 'requirement lost', 'stand by'],
  goals: ['active', 'ready', 'relaxed'],
  initialGoal: 'relaxed',
  setsGoal: {
    'active requested': () => 'active',
    'ready requested': () => 'ready',
    'relaxed requested': () => 'relaxed',
    // Invariant 9: a request made before a reset or a reboot is not asked again; the bridge must ask anew.
    'stand by': () => undefined,
  },
  matrix: {
    //             active requested  ready requested  relaxed requested  now active    now ready     now relaxed    requirement lost  stand by
    'active':      [noChange,        to('readying'),  to('relaxing'),    impossible,   impossible,   impossible,    to('activating'), to('standing by')],
    'ready':       [to('activating'), noChange,       to('relaxing'),    impossible,   impossible,   impossible,    to('readying'),   to('standing by')],
    'relaxed':     [to('activating'), to('readying'), noChange,          impossible,   impossible,   impossible,    to('relaxing'),   to('standing by')],
    // Already settling: the drive is at work on the requirements.
    'activating':  [noChange,        to('readying'),  to('relaxing'),    to('active'), impossible,   impossible,    noChange,         to('standing by')],
    'readying':    [to('activating'), noChange,       to('relaxing'),    impossible,   to('ready'),  impossible,    noChange,         to('standing by')],
    'relaxing':    [to('activating'), to('readying'), noChange,          impossible,   impossible,   to('relaxed'), noChange,         to('standing by')],
    // No goal: the deck commands nothing; it claims a settled state only when its evidence shows all of it.
    'standing by': [to('activating'), to('readying'), to('relaxing'),    to('active'), to('ready'),  to('relaxed'), noChange,         noChange],
  },
});

/** What each stable deck state requires of door E and the bay environment (MACHINES.md). */
export const deckRequirements = {
  active: { bayDoor: 'open', bayEnvironment: 'hostile' },
  ready: { bayDoor: 'closed', bayEnvironment: 'hostile' },
  relaxed: { bayDoor: 'closed', bayEnvironment: 'friendly' },
} as const;
