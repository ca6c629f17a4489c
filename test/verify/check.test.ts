// The exhaustive check finds what is there and nothing else: clean where the rules hold, a shortest
// counterexample where a rule is broken on purpose, and symmetry that loses no state.
import { describe, expect, it } from 'vitest';
import type { PostHook } from '../../firmware/core';
import { check, interference, MUTATIONS, projectionCheck, violations, type CheckOptions } from '../../verify';

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
    // A deck whose every claim is refused never meets its goal, though the subsystems do.
    const doubtful: CheckOptions['rules'] = (hooks) => ({ ...hooks, 'battle deck': { pre: [(t) => !t.event.startsWith('now ')], post: hooks['battle deck']!.post } });
    const [v] = violations(check({ airlocks: 0, faults: 0, leaks: false, rules: doubtful }));
    expect(v).toMatchObject({ property: 'deck liveness', level: 'liveness' });
    expect(v.trace[0].event).toMatch(/^deck request: (active|ready)$/);
  });

  it('catches a coordination without the recall, with the Alice story as its counterexample', () => {
    const v = violations(check({ airlocks: 1, faults: 0, leaks: false, promptScan: true, rules: MUTATIONS.recall.rules })).find((x) => x.property === 'recall')!;
    expect(v.trace.map((s) => s.event)).toEqual(['press airlock A button 2 (ask open outer)', 'deck request: active']);
  });

  it('catches airlocks without their pre hook: the logic asks for a start across a pressure difference, which only the interlock stops', () => {
    const found = (interlock: boolean) => check({ airlocks: 1, faults: 0, leaks: true, promptScan: true, interlock, rules: MUTATIONS['no-airlock-rules'].rules })
      .found.map((f) => `${f.finding.property} ${f.finding.level}`);
    expect(found(true)).toContain('invariant 7 logic');
    expect(found(true)).not.toContain('invariant 7 physical');
    expect(found(false)).toContain('invariant 7 physical');
  });

  it('sees a state that is not true: an environment that claims friendly over the empty bay it has just vented', () => {
    const liar: CheckOptions['rules'] = (hooks, system) => {
      const lie: PostHook = (t) => { if (t.event === 'finished depressurizing') system().machines['bay environment']!.restore('friendly', undefined); };
      const env = hooks['bay environment']!;
      return { ...hooks, 'bay environment': { pre: env.pre, post: [lie, ...env.post] } };
    };
    const v = violations(check({ airlocks: 0, faults: 0, leaks: false, rules: liar, liveness: false })).find((x) => x.property === 'states are true')!;
    expect(v.detail).toBe('the bay environment is friendly while the bay is empty');
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

  it('finds where a projection differs: states one airlock reaches only without the prompt scan, and the reverse', () => {
    const base = { faults: 0, leaks: false, liveness: false } as const;
    const one = check({ ...base, airlocks: 1 }), onePrompt = check({ ...base, airlocks: 1, promptScan: true });
    const two = check({ ...base, airlocks: 2 }), twoPrompt = check({ ...base, airlocks: 2, promptScan: true });
    expect(projectionCheck(twoPrompt, one)).toEqual({ extra: 0, missing: 361, example: undefined });
    expect(projectionCheck(two, onePrompt)).toEqual({ extra: 20403, missing: 0, example: 46 });
  });

  it('stops at the state bound and says the run is incomplete', () => {
    const r = check({ airlocks: 1, faults: 1, maxStates: 500 });
    expect(r.complete).toBe(false);
    expect(r.found.some((f) => f.finding.level === 'liveness')).toBe(false);
  });
});

// The real coordination, checked: the gaps G1–G6 the checker once found (docs/COORDINATION.md) are closed. Each
// test runs the check that found its counterexample and now expects the property to hold (the safe behaviour).
describe('the gaps the check found in the real coordination, closed (safe behaviour)', () => {
  const holds = (options: CheckOptions, property: string) => expect(events(options, property)).toBeUndefined();

  it('G1 (safe behaviour): an outer door still opening is stopped and re-planned when the bay starts to change', () => {
    holds({ airlocks: 1, faults: 0, leaks: false, promptScan: true }, 'invariant 5');
  });

  it('G2 (safe behaviour): after an operator reset the environment takes its state from its sensors, and the deck drives it back', () => {
    holds({ airlocks: 0, faults: 1, leaks: false, reboot: false }, 'deck liveness');
  });

  it('G3 (safe behaviour): after a breach the bay vents what is left, and an airlock bound for it waits closed, then goes', () => {
    holds({ airlocks: 1, faults: 0, leaks: true, promptScan: true }, 'airlock liveness');
  });

  it('G4 (safe behaviour): the recall happens when the environment leaves friendly, whatever the deck did', () => {
    holds({ airlocks: 1, faults: 1, leaks: false, reboot: false, promptScan: true }, 'recall');
  });

  it('G5 (safe behaviour): a reboot never rebuilds door E open under an environment that is not hostile', () => {
    holds({ airlocks: 0, faults: 1, leaks: true, reboot: true }, 'invariant 3');
  });

  it('G6 (safe behaviour): the leak detector alerts the deck even when the environment is faulted', () => {
    holds({ airlocks: 1, faults: 1, leaks: true, reboot: false, promptScan: true }, 'recall');
  });

  it('finds every state true and no refusal by the interlock, with one airlock, two faults and breaches', () => {
    const r = check({ airlocks: 1, faults: 2 });
    expect(r.complete).toBe(true);
    expect(r.found).toEqual([]);
  });
});
