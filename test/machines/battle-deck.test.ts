// The battle deck against MACHINES.md "Battle deck": the matrix cell by cell in every goal, and vetoes.
import { describe, expect, it } from 'vitest';
import { battleDeck, createMachine } from '../../firmware';
import { byColumn, expectMatrix, vetoMismatches, type ExpectedMachine } from './matrix-check';

// Typed out from MACHINES.md, not from the firmware. Each request makes the requested state the deck's goal.
// `requirement lost` is docs/COORDINATION.md's: a settled deck whose evidence no longer holds settles again.
const x = 'impossible';
const expected: ExpectedMachine = {
  goals: ['active', 'ready', 'relaxed'],
  setsGoal: { 'active requested': () => 'active', 'ready requested': () => 'ready', 'relaxed requested': () => 'relaxed' },
  matrix: byColumn(['active requested', 'ready requested', 'relaxed requested', 'now active', 'now ready', 'now relaxed', 'requirement lost'], {
    'active':     ['no change',  'readying',  'relaxing',  x,        x,       x,         'activating'],
    'ready':      ['activating', 'no change', 'relaxing',  x,        x,       x,         'readying'],
    'relaxed':    ['activating', 'readying',  'no change', x,        x,       x,         'relaxing'],
    'activating': ['no change',  'readying',  'relaxing',  'active', x,       x,         'no change'],
    'readying':   ['activating', 'no change', 'relaxing',  x,        'ready', x,         'no change'],
    'relaxing':   ['activating', 'readying',  'no change', x,        x,       'relaxed', 'no change'],
  }),
};

describe('battle deck', () => {
  it('starts relaxed with the goal relaxed', () => {
    const deck = createMachine(battleDeck);
    expect([deck.state, deck.goal]).toEqual(['relaxed', 'relaxed']);
  });

  it('follows the MACHINES.md matrix, goal included, in every goal', () => {
    expectMatrix(battleDeck, expected);
  });

  it('changes neither state nor goal in any transitioning cell when a pre hook vetoes', () => {
    expect(vetoMismatches(battleDeck, expected)).toEqual([]);
  });

  it('keeps its goal relaxed all the way from active through relaxing', () => {
    const deck = createMachine(battleDeck, { state: 'active', goal: 'active' });
    deck.handle('relaxed requested');
    expect([deck.state, deck.goal]).toEqual(['relaxing', 'relaxed']);
    deck.handle('now relaxed');
    expect([deck.state, deck.goal]).toEqual(['relaxed', 'relaxed']);
  });
});
