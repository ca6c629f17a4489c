// Transitions by parts (verify/parts.ts) change how successors are computed, not which: the search reaches the
// same states in the same order, with the same transitions and verdicts, as when every transition runs the machines
// on the whole state; and a part that does not behave alike in every state is caught by the self-check.
import { describe, expect, it } from 'vitest';
import { check, violations, type CheckOptions } from '../../verify';

const same = (options: CheckOptions) => {
  const whole = check({ ...options, parts: false }), parts = check({ ...options, selfCheck: 1 });
  expect(parts.states).toBe(whole.states);
  expect(parts.transitions).toBe(whole.transitions);
  expect(parts.store.words.subarray(0, parts.states * parts.store.width)).toEqual(whole.store.words.subarray(0, whole.states * whole.store.width));
  expect(parts.store.flags.subarray(0, parts.states)).toEqual(whole.store.flags.subarray(0, whole.states));
  expect(violations(parts).map((v) => v.text)).toEqual(violations(whole).map((v) => v.text));
  return parts;
};

describe('transitions by parts', () => {
  it('reach the same states, in the same order, with the same verdicts, as whole transitions: two airlocks, one fault', () => {
    const r = same({ airlocks: 2, faults: 1, leaks: false, promptScan: true });
    expect(r.states).toBeGreaterThan(100_000);
  }, 300_000);

  it('and with every order, breaches and two faults on one airlock', () => {
    same({ airlocks: 1, faults: 2 });
  }, 120_000);

  it('stop the check when an airlock\'s part depends on another airlock (the self-check)', () => {
    // A rule that lets airlock B's inner door open only while airlock A is closed pressurized: B's events read A's part.
    const coupled: CheckOptions['rules'] = (hooks, system) => {
      const watchA = (t: { machine: { name: string }; to: string }) => t.machine.name !== 'airlock B' || t.to !== 'opening inner'
        || system().machines['airlock A']!.state === 'closed pressurized' || 'airlock A is busy';
      const out = { ...hooks };
      for (const id of ['airlock A', 'airlock B'] as const) out[id] = { pre: [watchA, ...hooks[id]!.pre], post: hooks[id]!.post };
      return out;
    };
    expect(() => check({ airlocks: 2, faults: 0, leaks: false, promptScan: true, symmetry: false, rules: coupled, selfCheck: 1 })).toThrow(/parts are not independent/);
  }, 120_000);
});
