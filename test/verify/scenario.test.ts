// A counterexample becomes a scenario file the simulator loads and replays.
import { describe, expect, it } from 'vitest';
import type { PostHook } from '../../firmware/core';
import { loadBoard } from '../../scripts/lib/board-file';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { check, toScenario, violations, type CheckOptions } from '../../verify';

const hastyDeck: CheckOptions['rules'] = (hooks, system) => {
  const early: PostHook = (t) => { if (t.to === 'activating') system().send('bay door', 'open requested'); };
  return { ...hooks, 'battle deck': { pre: hooks['battle deck']!.pre, post: [...hooks['battle deck']!.post, early] }, 'bay door': { pre: [], post: hooks['bay door']!.post } };
};
const first = (options: CheckOptions, property: string) => violations(check(options)).find((v) => v.property === property)!;

describe('counterexamples as scenarios', () => {
  it('writes the broken-hook counterexample as a scenario that ends expecting door E opening', () => {
    const { scenario, unmapped } = toScenario(first({ airlocks: 0, faults: 0, leaks: false, rules: hastyDeck }, 'invariant 3'));
    expect(unmapped).toEqual([]);
    expect(scenario.steps).toEqual([
      { after: '500ms', request: 'active' },
      { after: 0, expect: { states: { 'battle deck': 'activating', 'bay door': 'opening', 'bay environment': 'depressurizing' } } },
    ]);
  });

  it('replays it in the simulator, whose real rules keep door E shut: only the final expectation fails', () => {
    const { scenario } = toScenario(first({ airlocks: 0, faults: 0, leaks: false, rules: hastyDeck }, 'invariant 3'));
    const result = runScenario(parseScenario(JSON.stringify(scenario), 'counterexample.json'), loadBoard('sim'));
    expect(result.failures.map((f) => f.field)).toEqual(['steps[1]']);
    expect(result.failures[0].message).toContain('bay door in "opening", but it is "closed"');
  });

  it('maps faults, progress and resets to simulator actions, and names what it cannot map', () => {
    // Door E told to open at its reset: the shortest path there has a fault the simulator cannot cause (a door
    // sensor fault: both limit switches) and the reset that follows it. (The deck stands by at the reset, so no
    // request is needed first: a relaxed deck's drive no longer closes the door again.)
    const hastyReset: CheckOptions['rules'] = (hooks, system) => {
      const reopen: PostHook = (t) => { if (t.event === 'reset') system().send('bay door', 'open requested'); };
      return { ...hooks, 'bay door': { pre: [], post: [...hooks['bay door']!.post, reopen] } };
    };
    const { scenario, unmapped } = toScenario(first({ airlocks: 0, faults: 1, leaks: false, reboot: false, rules: hastyReset }, 'invariant 3'));
    expect(unmapped).toEqual(['step 1: bay door: sensor fault']);
    expect(scenario.steps.map((s) => Object.keys(s).filter((k) => k !== 'after' && k !== 'within')[0])).toEqual(['reset', 'expect']);
    expect(() => parseScenario(JSON.stringify(scenario), 'reset.json')).not.toThrow();
  });

  it('writes the bay\'s pressure as ranges by the firmware\'s own thresholds (full from 98 kPa, empty to 2 kPa)', () => {
    const hastyReset: CheckOptions['rules'] = (hooks, system) => {
      const reopen: PostHook = (t) => { if (t.event === 'reset') system().send('bay door', 'open requested'); };
      return { ...hooks, 'bay door': { pre: [], post: [...hooks['bay door']!.post, reopen] } };
    };
    const v = violations(check({ airlocks: 0, faults: 1, leaks: false, reboot: false, rules: hastyReset })).find((x) => x.level === 'physical')!;
    const { scenario } = toScenario(v);
    expect(scenario.steps).toContainEqual({ eventually: { pressures: { bay: { above: 2, below: 98 } } }, within: '15m' });
    expect(scenario.steps).toContainEqual({ eventually: { pressures: { bay: { below: 2 } } }, within: '15m' });
  });
});
