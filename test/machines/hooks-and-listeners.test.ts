// The engine's hooks and listeners, given as lists: the first veto stops the pre hooks and is reported with its
// reason, every post hook runs in order, and a list changed after the machine was made does not count.
import { describe, expect, it } from 'vitest';
import { bayDoor, createMachine, defineMachine, DefinitionError, ImpossibleEventError, UnknownEventError, noChange, type PreHook } from '../../firmware';

describe('hooks and listeners given as lists', () => {
  it('stops at the first pre hook that vetoes, and reports its reason', () => {
    const asked: string[] = [], vetoes: string[] = [];
    const door = createMachine(bayDoor, {
      pre: [() => { asked.push('first'); return true; }, () => { asked.push('second'); return 'the bay is changing'; }, () => { asked.push('third'); }],
      onVeto: [(m, state, event, to, reason) => { vetoes.push(`${state} + ${event} → ${to}: ${reason}`); }],
    });
    door.handle('open requested');
    expect(asked).toEqual(['first', 'second']);
    expect(vetoes).toEqual(['closed + open requested → opening: the bay is changing']);
    expect(door.state).toBe('closed');
  });

  it('reports a veto by false with no reason', () => {
    const reasons: (string | undefined)[] = [];
    const door = createMachine(bayDoor, { pre: [() => true, () => false], onVeto: (m, s, e, to, reason) => { reasons.push(reason); } });
    door.handle('open requested');
    expect(reasons).toEqual([undefined]);
    expect(door.state).toBe('closed');
  });

  it('runs every post hook, in order, once the state has changed', () => {
    const seen: string[] = [];
    const door = createMachine(bayDoor, { post: [(t) => { seen.push(`a ${t.from}→${t.to} ${door.state}`); }, (t) => { seen.push(`b ${t.event}`); }] });
    door.handle('open requested');
    expect(seen).toEqual(['a closed→opening opening', 'b open requested']);
  });

  it('takes a copy of a list: hooks added to it later are not called', () => {
    const pre: PreHook[] = [() => true];
    const door = createMachine(bayDoor, { pre });
    pre.push(() => false);
    door.handle('open requested');
    expect(door.state).toBe('opening');
  });

  it('tells every beep listener, with the state', () => {
    const heard: string[] = [];
    const door = createMachine(bayDoor, { onBeep: [(m, state, event) => { heard.push(`1 ${state} ${event}`); }, (m, state) => { heard.push(`2 ${state}`); }] });
    door.handle('reset');
    expect(heard).toEqual(['1 closed reset', '2 closed']);
  });

  it('keeps the state on an impossible event when an empty list listens, and throws when nobody does', () => {
    const quiet = createMachine(bayDoor, { onImpossible: [] });
    quiet.handle('finished opening');
    expect(quiet.state).toBe('closed');
    expect(() => createMachine(bayDoor).handle('finished opening')).toThrow(ImpossibleEventError);
  });

  it('refuses every event in an unknown state, yet still throws on an event it has no column for', () => {
    const reasons: (string | undefined)[] = [];
    const door = createMachine(bayDoor, { onVeto: (m, state, e, to, reason) => { reasons.push(`${state} ${to} ${reason}`); } });
    door.restore(undefined, undefined);
    door.handle('open requested');
    expect(door.state).toBeUndefined();
    expect(reasons).toEqual(['undefined undefined the state is not known yet: nothing moves until it is']);
    expect(() => door.handle('explode' as never)).toThrow(UnknownEventError);
    expect(() => door.handle('toString' as never)).toThrow(UnknownEventError);
  });
});

describe('what a cell can name', () => {
  it('refuses a machine with more sensors than a cell has room for', () => {
    const sensors = Array.from({ length: 33 }, (_, i) => `s${i}`);
    expect(() => defineMachine({ name: 'wide', initial: 'a', states: ['a'], events: ['e'], sensors, matrix: { a: [noChange] } } as never))
      .toThrow(DefinitionError);
  });
});
