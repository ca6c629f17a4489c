// Door E against MACHINES.md "Bay door": the matrix cell by cell, its six transitions through the hooks, its errors.
import { describe, expect, it } from 'vitest';
import { bayDoor, createMachine, ImpossibleEventError, noChange, UnknownEventError, type Transition } from '../../firmware';
import { byColumn, expectMatrix, matrixMismatches, redefine, vetoMismatches, type ExpectedMachine } from './matrix-check';

// Typed out from MACHINES.md, not from the firmware.
// The fault row and columns are docs/COORDINATION.md's ("Faults").
const x = 'impossible';
const expected: ExpectedMachine = {
  matrix: byColumn(['open requested', 'close requested', 'finished opening', 'finished closing', 'deadline missed', 'sensor fault', 'reset'], {
    'open':    ['no change', 'closing',   x,      x,        x,         'faulted',   'beep'],
    'closed':  ['opening',   'no change', x,      x,        x,         'faulted',   'beep'],
    'opening': ['no change', 'closing',   'open', x,        'faulted', 'faulted',   'beep'],
    'closing': ['opening',   'no change', x,      'closed', 'faulted', 'faulted',   'beep'],
    'faulted': ['beep',      'beep',      x,      x,        x,         'no change', 'closing'],
  }),
};

// Starting closed, these events take each of the six transitions exactly once.
const tour = ['open requested', 'close requested', 'open requested', 'finished opening', 'close requested', 'finished closing'] as const;

describe('bay door', () => {
  it('starts closed', () => {
    expect(createMachine(bayDoor).state).toBe('closed');
  });

  it('follows the MACHINES.md matrix in every cell', () => {
    expectMatrix(bayDoor, expected);
  });

  it('stays where it is in every transitioning cell when a pre hook vetoes', () => {
    expect(vetoMismatches(bayDoor, expected)).toEqual([]);
  });

  it('calls the post hook exactly six times when each of the six transitions is exercised once', () => {
    const seen: string[] = [];
    const door = createMachine(bayDoor, { post: (t) => { seen.push(`${t.from} → ${t.to}`); } });
    for (const event of tour) door.handle(event);
    expect(seen).toEqual(['closed → opening', 'opening → closing', 'closing → opening', 'opening → open', 'open → closing', 'closing → closed']);
  });

  it('passes from, to and event to its pre and post hooks', () => {
    const copy = (t: Transition) => ({ from: t.from, to: t.to, event: t.event, goalBefore: t.goalBefore, goalAfter: t.goalAfter, state: t.machine.state });
    const seen: object[] = [];
    const door = createMachine(bayDoor, { pre: (t) => { seen.push(copy(t)); }, post: (t) => { seen.push(copy(t)); } });
    door.handle('open requested');
    const step = { from: 'closed', to: 'opening', event: 'open requested', goalBefore: undefined, goalAfter: undefined };
    expect(seen).toEqual([{ ...step, state: 'closed' }, { ...step, state: 'opening' }]);
  });

  it('throws an ImpossibleEventError naming the machine, the state and the event', () => {
    const door = createMachine(bayDoor);
    expect(() => door.handle('finished opening')).toThrow(ImpossibleEventError);
    expect(() => door.handle('finished opening')).toThrow('bay door: "finished opening" is impossible in state "closed"');
  });

  it('reports an impossible event to onImpossible and keeps its state', () => {
    const reports: string[] = [];
    const door = createMachine(bayDoor, { onImpossible: (m, state, event) => { reports.push(`${m.name}, ${state}, ${event}`); } });
    door.handle('finished closing');
    expect(reports).toEqual(['bay door, closed, finished closing']);
    expect(door.state).toBe('closed');
  });

  it('throws an UnknownEventError naming the machine and the event for a name outside the matrix', () => {
    const door = createMachine(bayDoor, { onImpossible: () => {} });
    expect(() => door.handle('explode' as never)).toThrow(UnknownEventError);
    expect(() => door.handle('explode' as never)).toThrow('bay door: unknown event "explode"');
  });

  it('has its matrix check report exactly the one cell altered in a copy of the door', () => {
    const mutant = redefine(bayDoor, [['closed', 'open requested', noChange]]);
    expect(matrixMismatches(mutant, expected)).toEqual(['closed + open requested != opening -- new state = no change instead']);
  });

  it('has its veto check report a transitioning cell whose pre hook was never asked', () => {
    const mutant = redefine(bayDoor, [['closed', 'open requested', noChange]]);
    expect(vetoMismatches(mutant, expected)).toEqual(['closed + open requested vetoed != closed, goal=undefined -- new state = closed, goal=undefined, pre hook never asked instead']);
  });
});

describe('a machine whose state is not known', () => {
  it('reads as unknown, moves on no event, and says why until its state is restored', () => {
    const vetoes: string[] = [];
    const moved: string[] = [];
    const door = createMachine(bayDoor, { onVeto: (_m, state, event, _to, reason) => vetoes.push(`${state} ${event}: ${reason}`), post: (t) => moved.push(t.to) });
    door.restore(undefined, undefined);
    expect(door.state).toBeUndefined();
    door.handle('open requested');
    expect(door.state).toBeUndefined();
    expect(moved).toEqual([]);
    expect(vetoes).toEqual(['undefined open requested: the state is not known yet: nothing moves until it is']);
    door.restore('closed', undefined);
    door.handle('open requested');
    expect(moved).toEqual(['opening']);
  });
});
