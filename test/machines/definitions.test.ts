// defineMachine refuses, at run time, a matrix that leaves a cell undecided or names a state it does not have.
import { describe, expect, it } from 'vitest';
import { airlock, createMachine, defineMachine, DefinitionError, noChange, to } from '../../firmware';

// A two-state door, built at run time as an untyped caller (a generated table, a config file) would.
const door = (closedRow: unknown[]) => ({
  name: 'test door',
  initial: 'closed',
  states: ['open', 'closed'],
  events: ['open requested', 'close requested'],
  matrix: { open: [noChange, to('closed')], closed: closedRow },
});

describe('defineMachine at run time', () => {
  it('accepts a complete matrix', () => {
    expect(defineMachine(door([to('open'), noChange]) as never).name).toBe('test door');
  });

  it('throws a DefinitionError naming the state and event of a missing cell', () => {
    const build = () => defineMachine(door([to('open')]) as never);
    expect(build).toThrow(DefinitionError);
    expect(build).toThrow('test door: matrix["closed"]["close requested"]: the cell closed + close requested is missing');
  });

  it('throws a DefinitionError naming an unknown target state', () => {
    const build = () => defineMachine(door([to('ajar'), noChange]) as never);
    expect(build).toThrow(DefinitionError);
    expect(build).toThrow('"ajar" is not a state');
  });

  it('throws a DefinitionError when a goal rule returns something that is not a goal', () => {
    const build = () => defineMachine({ ...airlock, matrix: matrixOf(airlock), setsGoal: { 'ask open inner': () => 'inner ajar' } } as never);
    expect(build).toThrow('airlock: setsGoal["ask open inner"]: returns "inner ajar", which is not a goal');
  });

  it('throws a DefinitionError when follow goal can lead to a state that does not exist', () => {
    const follow = { ...airlock.follow!, next: () => 'airborne' };
    expect(() => defineMachine({ ...airlock, matrix: matrixOf(airlock), setsGoal: goalRules, follow } as never))
      .toThrow('airlock: follow.next: returns "airborne", which is not a state');
  });
});

describe('a vetoed follow-goal step', () => {
  it('asks the pre hooks once when the step is itself the resting state', () => {
    const seen: string[] = [];
    const lock = createMachine(airlock, {
      state: 'closing inner', sensors: { bayHostile: () => false, chamberPressurized: () => true, chamberEmpty: () => false, outerDoorClosed: () => true },
      pre: (t) => { seen.push(`${t.from} -> ${t.to}`); return false; },
    });
    lock.handle('finished closing inner');
    expect(seen).toEqual(['closing inner -> closed pressurized']);
    expect(lock.state).toBe('closing inner');
  });
});

// The airlock's matrix rows and goal rules, rebuilt from its public definition for altered copies.
const matrixOf = (def: typeof airlock) => Object.fromEntries(def.states.map((s) => [s, def.events.map((e) => def.cell(s, e))]));
const goalRules = {
  'ask open outer': (s: { bayHostile(): boolean }) => (s.bayHostile() ? 'outer open hostile' : 'outer open friendly'),
  'ask open inner': () => 'inner open',
};
