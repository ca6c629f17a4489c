// The battle deck against MACHINES.md "Battle deck": the matrix cell by cell in every goal, and vetoes.
import { describe, expect, it } from 'vitest';
import { battleDeck, createMachine } from '../../firmware';
import { byColumn, expectMatrix, vetoMismatches, type ExpectedMachine } from './matrix-check';

// Typed out from MACHINES.md, not from the firmware. Each request makes the requested state the deck's goal.
// `requirement lost` is docs/COORDINATION.md's: a settled deck whose evidence no longer holds settles again.
// `stand by` and `standing by` are invariant 9's: a deck whose goal came before a reset or a reboot lets it go, and
// only a new request gives it one.
const x = 'impossible';
const expected: ExpectedMachine = {
  goals: ['active', 'ready', 'relaxed'],
  setsGoal: { 'active requested': () => 'active', 'ready requested': () => 'ready', 'relaxed requested': () => 'relaxed', 'stand by': () => undefined },
  matrix: byColumn(['active requested', 'ready requested', 'relaxed requested', 'now active', 'now ready', 'now relaxed', 'requirement lost', 'stand by'], {
    'active':      ['no change',  'readying',  'relaxing',  x,        x,       x,         'activating', 'standing by'],
    'ready':       ['activating', 'no change', 'relaxing',  x,        x,       x,         'readying',   'standing by'],
    'relaxed':     ['activating', 'readying',  'no change', x,        x,       x,         'relaxing',   'standing by'],
    'activating':  ['no change',  'readying',  'relaxing',  'active', x,       x,         'no change',  'standing by'],
    'readying':    ['activating', 'no change', 'relaxing',  x,        'ready', x,         'no change',  'standing by'],
    'relaxing':    ['activating', 'readying',  'no change', x,        x,       'relaxed', 'no change',  'standing by'],
    'standing by': ['activating', 'readying',  'relaxing',  'active', 'ready', 'relaxed', 'no change',  'no change'],
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

  it('lets its goal go on `stand by`, and takes a new one only from a request', () => {
    const deck = createMachine(battleDeck, { state: 'activating', goal: 'active' });
    deck.handle('stand by');
    expect([deck.state, deck.goal]).toEqual(['standing by', undefined]);
    deck.handle('requirement lost');
    expect([deck.state, deck.goal]).toEqual(['standing by', undefined]);
    deck.handle('active requested');
    expect([deck.state, deck.goal]).toEqual(['activating', 'active']);
  });

  it('keeps its goal relaxed all the way from active through relaxing', () => {
    const deck = createMachine(battleDeck, { state: 'active', goal: 'active' });
    deck.handle('relaxed requested');
    expect([deck.state, deck.goal]).toEqual(['relaxing', 'relaxed']);
    deck.handle('now relaxed');
    expect([deck.state, deck.goal]).toEqual(['relaxed', 'relaxed']);
  });
});
