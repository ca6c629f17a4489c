// The battle deck, the uber machine over door E and the bay environment: MACHINES.md "Battle deck", plus one
// column of docs/COORDINATION.md: a settled deck keeps watching, and `requirement lost` sends it back to
// settling when its evidence stops showing what its state requires. `now …` arrives only on evidence.
import { defineMachine, impossible, noChange, to } from '../core';

export const battleDeck = defineMachine({
  name: 'battle deck',
  initial: 'relaxed',
  states: ['active', 'ready', 'relaxed', 'activating', 'readying', 'relaxing'],
  events: ['active requested', 'ready requested', 'relaxed requested', 'now active', 'now ready', 'now relaxed', 'requirement lost'],
  goals: ['active', 'ready', 'relaxed'],
  initialGoal: 'relaxed',
  setsGoal: {
    'active requested': () => 'active',
    'ready requested': () => 'ready',
    'relaxed requested': () => 'relaxed',
  },
  matrix: {
    //            active requested  ready requested  relaxed requested  now active    now ready     now relaxed    requirement lost
    'active':     [noChange,        to('readying'),  to('relaxing'),    impossible,   impossible,   impossible,    to('activating')],
    'ready':      [to('activating'), noChange,       to('relaxing'),    impossible,   impossible,   impossible,    to('readying')],
    'relaxed':    [to('activating'), to('readying'), noChange,          impossible,   impossible,   impossible,    to('relaxing')],
    // Already settling: the drive is at work on the requirements.
    'activating': [noChange,        to('readying'),  to('relaxing'),    to('active'), impossible,   impossible,    noChange],
    'readying':   [to('activating'), noChange,       to('relaxing'),    impossible,   to('ready'),  impossible,    noChange],
    'relaxing':   [to('activating'), to('readying'), noChange,          impossible,   impossible,   to('relaxed'), noChange],
  },
});

/** What each stable deck state requires of door E and the bay environment (MACHINES.md). */
export const deckRequirements = {
  active: { bayDoor: 'open', bayEnvironment: 'hostile' },
  ready: { bayDoor: 'closed', bayEnvironment: 'hostile' },
  relaxed: { bayDoor: 'closed', bayEnvironment: 'friendly' },
} as const;
