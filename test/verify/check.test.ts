// The exhaustive check finds what is there and nothing else: clean where the rules hold, a shortest
// counterexample where a rule is broken on purpose, and symmetry that loses no state.
import { describe, expect, it } from 'vitest';
import type { PostHook } from '../../firmware/core';
import { check, interference, projectionCheck, violations, type CheckOptions } from '../../sim/verify';

const events = (options: CheckOptions, property: string) =>
  violations(check(options)).find((v) => v.property === property)?.trace.map((s) => s.event);

/** A deck that tells door E to open the moment it starts activating, before the bay is emptied. */
const hastyDeck = (keepDoorRule: boolean): CheckOptions['rules'] => (hooks, system) => {
  const early: PostHook = (t) => { if (t.to === 'activating') system().send('bay door', 'open requested'); };
  return {
    ...hooks,
    'battle deck': { pre: hooks['battle deck']!.pre, post: [...hooks['battle deck']!.post, early] },
    'bay door': { pre: keepDoorRule ? hooks['bay door']!.pre : [], post: hooks['bay door']!.post },
  };
};

describe('the exhaustive check', () => {
  it('finds every safety invariant and liveness property holding for the deck, door E and the environment, leaks included', () => {
    const r = check({ airlocks: 0, faults: 0 });
    expect(r.complete).toBe(true);
    expect(r.states).toBeGreaterThan(20);
    expect(r.found).toEqual([]);
  });

  it('catches a hook that lets door E open while the bay is not hostile, with a one-step counterexample', () => {
    const [v] = violations(check({ airlocks: 0, faults: 0, leaks: false, rules: hastyDeck(false) }));
    expect(v).toMatchObject({ property: 'invariant 3', level: 'logic', detail: 'door E is opening while the bay environment is depressurizing' });
    expect(v.trace.map((s) => s.event)).toEqual(['deck request: active']);
    expect(v.text).toContain('1. [operator] deck request: active');
    expect(v.text).toContain('bay door opening');
  });

  it('sees door E move in that counterexample when the interlock is left out', () => {
    const found = check({ airlocks: 0, faults: 0, leaks: false, interlock: false, rules: hastyDeck(false) }).found;
    expect(found.map((f) => `${f.finding.property} ${f.finding.level}`)).toContain('invariant 3 physical');
  });

  it('lets door E\'s rule-2 pre hook stop that hasty deck', () => {
    expect(check({ airlocks: 0, faults: 0, leaks: false, rules: hastyDeck(true) }).found).toEqual([]);
  });

  it('reports a deck that waits forever, with the path on which it waits', () => {
    // The drive is the one post hook the deck shares with door E; without it on the deck, a request is never acted on.
    const noDrive: CheckOptions['rules'] = (hooks) => {
      const deck = hooks['battle deck']!, drive = deck.post.find((h) => hooks['bay door']!.post.includes(h));
      return { ...hooks, 'battle deck': { pre: deck.pre, post: deck.post.filter((h) => h !== drive) } };
    };
    const [v] = violations(check({ airlocks: 0, faults: 0, leaks: false, rules: noDrive }));
    expect(v).toMatchObject({ property: 'deck liveness', level: 'liveness', waitsFrom: 1 });
    expect(v.trace[0].event).toMatch(/^deck request: (active|ready)$/);
  });

  it('reports an event the matrices call impossible, with the step that caused it', () => {
    const glitch: CheckOptions['rules'] = (hooks, system) => {
      const early: PostHook = (t) => { if (t.to === 'readying') system().send('bay door', 'finished opening'); };
      return { ...hooks, 'battle deck': { pre: hooks['battle deck']!.pre, post: [...hooks['battle deck']!.post, early] } };
    };
    const v = violations(check({ airlocks: 0, faults: 0, leaks: false, rules: glitch })).find((x) => x.property === 'impossible event')!;
    expect(v.detail).toBe('bay door: "finished opening" in "closed"');
    expect(v.trace.map((s) => s.event)).toEqual(['deck request: ready']);
  });

  it('loses no state to symmetry: each canonical state stands for every ordering of its airlocks', () => {
    const options: CheckOptions = { airlocks: 2, faults: 0, leaks: false, promptScan: true, liveness: false };
    const plain = check({ ...options, symmetry: false }), reduced = check(options);
    expect(reduced.states).toBeLessThan(plain.states);
    expect(reduced.concreteStates).toBe(plain.states);
    expect(reduced.found.map((f) => f.finding.property).sort()).toEqual(plain.found.map((f) => f.finding.property).sort());
  });

  it('finds that a second airlock changes nothing the bay and a first airlock can reach', () => {
    const one = check({ airlocks: 1, faults: 0, leaks: false, promptScan: true, liveness: false });
    const two = check({ airlocks: 2, faults: 0, leaks: false, promptScan: true, liveness: false });
    const p = projectionCheck(two, one);
    expect(p).toEqual({ extra: 0, missing: 0, example: undefined });
    expect(interference(p)).toBeUndefined();
  });

  it('stops at the state bound and says the run is incomplete', () => {
    const r = check({ airlocks: 1, faults: 1, maxStates: 500 });
    expect(r.complete).toBe(false);
    expect(r.found.some((f) => f.finding.level === 'liveness')).toBe(false);
  });
});

// The real coordination, checked: these are the gaps the checker found in it (docs/VERIFICATION.md, "Findings").
// Each test expects the shortest counterexample as it stands; when a gap is closed, its test fails and goes.
describe('the gaps the check finds in the real coordination (pending a decision)', () => {
  it('G1: an airlock opening its outer door keeps driving it while the bay starts to change (rule 3 only stops a start)', () => {
    expect(events({ airlocks: 1, faults: 0, leaks: false, promptScan: true }, 'invariant 5')).toEqual([
      'deck request: ready', 'bay pressure falls from full', 'bay pressure falls from between', 'bay environment: finished depressurizing',
      'press airlock A button 2 (ask open outer)', 'airlock A chamber pressure falls from full', 'airlock A chamber pressure falls from between',
      'airlock A: finished depressurizing', 'deck request: relaxed',
    ]);
  });

  it('G2: after an operator reset the environment stays hostile under a relaxed deck (the drive only acts while settling)', () => {
    expect(events({ airlocks: 0, faults: 1, leaks: false, reboot: false }, 'deck liveness'))
      .toEqual(['bay environment: sensor fault', 'bay environment: operator reset']);
  });

  it('G3: a sealed breach leaves a "hostile" bay with air in it, and an airlock bound for it waits for ever', () => {
    expect(events({ airlocks: 1, faults: 0, leaks: true, promptScan: true }, 'airlock liveness')).toEqual([
      'hull breach: the bay leaks', 'the breach is sealed', 'press airlock A button 2 (ask open outer)', 'airlock A chamber pressure falls from full',
      'airlock A chamber pressure falls from between', 'airlock A: finished depressurizing',
    ]);
  });

  it('G4: with door E faulted the bay starts emptying only at its reset, and airlocks that opened meanwhile are not recalled', () => {
    expect(events({ airlocks: 1, faults: 1, leaks: false, reboot: false, promptScan: true }, 'recall')).toEqual([
      'bay door: sensor fault', 'deck request: active', 'press airlock A button 2 (ask open outer)', 'bay door: operator reset',
    ]);
  });

  it('G5: a reboot with door E open on a bay still holding air rebuilds the environment as depressurizing', () => {
    expect(events({ airlocks: 0, faults: 1, leaks: true, reboot: true }, 'invariant 3')).toEqual([
      'hull breach: the bay leaks', 'deck request: active', 'door E moves on from closed', 'door E moves on from moving', 'power lost and back: reboot',
    ]);
  });

  it('G6: a breach while the environment is faulted alerts no one, so an airlock open toward the friendly bay is not recalled', () => {
    expect(events({ airlocks: 1, faults: 1, leaks: true, reboot: false, promptScan: true }, 'recall')).toEqual([
      'press airlock A button 2 (ask open outer)', 'bay environment: sensor fault', 'hull breach: the bay leaks',
    ]);
  });
});
