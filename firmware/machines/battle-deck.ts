// The battle deck, the uber machine over door E and the bay environment: MACHINES.md "Battle deck".
// A request sets the deck's goal to the requested state; `now …` arrives only on evidence (see coordination).
import { defineMachine, impossible, noChange, to } from '../core';

export const battleDeck = defineMachine({
  name: 'battle deck',
  initial: 'relaxed',
  states: ['active', 'ready', 'relaxed', 'activating', 'readying', 'relaxing'],
  events: ['active requested', 'ready requested', 'relaxed requested', 'now active', 'now ready', 'now relaxed'],
  goals: ['active', 'ready', 'relaxed'],
  initialGoal: 'relaxed',
  setsGoal: {
    'active requested': () => 'active',
    'ready requested': () => 'ready',
    'relaxed requested': () => 'relaxed',
  },
  matrix: {
    //            active requested  ready requested  relaxed requested  now active    now ready     now relaxed
    'active':     [noChange,        to('readying'),  to('relaxing'),    impossible,   impossible,   impossible],
    'ready':      [to('activating'), noChange,       to('relaxing'),    impossible,   impossible,   impossible],
    'relaxed':    [to('activating'), to('readying'), noChange,          impossible,   impossible,   impossible],
    'activating': [noChange,        to('readying'),  to('relaxing'),    to('active'), impossible,   impossible],
    'readying':   [to('activating'), noChange,       to('relaxing'),    impossible,   to('ready'),  impossible],
    'relaxing':   [to('activating'), to('readying'), noChange,          impossible,   impossible,   to('relaxed')],
  },
});

/** What each stable deck state requires of door E and the bay environment (MACHINES.md). */
export const deckRequirements = {
  active: { bayDoor: 'open', bayEnvironment: 'hostile' },
  ready: { bayDoor: 'closed', bayEnvironment: 'hostile' },
  relaxed: { bayDoor: 'closed', bayEnvironment: 'friendly' },
} as const;
