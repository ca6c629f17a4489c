// A counterexample becomes a scenario file the simulator loads and replays.
import { describe, expect, it } from 'vitest';
import type { PostHook } from '../../firmware/core';
import { loadBoard } from '../../scripts/lib/board-file';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { check, toScenario, violations, type CheckOptions } from '../../sim/verify';

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
    const { scenario, unmapped } = toScenario(first({ airlocks: 1, faults: 1, leaks: false, reboot: false, promptScan: true }, 'recall'));
    expect(unmapped).toEqual(['step 1: bay door: sensor fault']);
    expect(scenario.steps.map((s) => Object.keys(s).filter((k) => k !== 'after' && k !== 'within')[0])).toEqual(['request', 'press', 'reset', 'expect']);
    expect(() => parseScenario(JSON.stringify(scenario), 'recall.json')).not.toThrow();
  });

  it('reproduces G1 in the simulator: the relaxing bay stops airlock A\'s opening outer door, which faults on its deadline', () => {
    const { scenario } = toScenario(first({ airlocks: 1, faults: 0, leaks: false, promptScan: true }, 'invariant 5'));
    scenario.steps.push({ eventually: { states: { 'airlock A': 'faulted' } }, within: '30s' });
    const result = runScenario(parseScenario(JSON.stringify(scenario), 'g1.json'), loadBoard('sim'));
    expect(result.failures).toEqual([]);
    expect(result.trace.some((r) => r.kind === 'interlock' && r.machine === 'airlock A outer door')).toBe(true);
    expect(result.trace.find((r) => r.kind === 'transition' && r.to === 'faulted')?.event).toBe('deadline missed');
  });

  it('reproduces G2 in the simulator: after its reset the environment stays hostile under a relaxed deck, the bay full', () => {
    const { scenario } = toScenario(first({ airlocks: 0, faults: 1, leaks: false, reboot: false }, 'deck liveness'));
    scenario.steps.push({ after: '10m', expect: { states: { 'battle deck': 'relaxed', 'bay environment': 'hostile' }, pressures: { bay: { above: 97 } } } });
    expect(runScenario(parseScenario(JSON.stringify(scenario), 'g2.json'), loadBoard('sim')).failures).toEqual([]);
  });

  it('reproduces G3 in the simulator: after a sealed breach the interlock refuses airlock A\'s outer door, which faults', () => {
    const { scenario } = toScenario(first({ airlocks: 1, faults: 0, leaks: true, promptScan: true }, 'airlock liveness'));
    scenario.steps.push({ eventually: { states: { 'airlock A': 'faulted' } }, within: '30s' });
    const result = runScenario(parseScenario(JSON.stringify(scenario), 'g3.json'), loadBoard('sim'));
    expect(result.failures).toEqual([]);
    expect(result.trace.find((r) => r.kind === 'interlock')?.detail).toMatch(/chamber .* kPa and bay .* kPa differ/);
  });
});
