// The reductions lose nothing: with airlocks in a canonical order, and transitions composed by parts (every one of
// them checked against the machines here: selfCheck 1), the check finds exactly what it finds with every ordering
// explored and every transition run on the whole state, for the real rules and for every rule broken on purpose.
import { describe, expect, it } from 'vitest';
import { check, MUTATIONS, violations, type CheckOptions } from '../../verify';

const OPTIONS: CheckOptions = { airlocks: 2, faults: 0, leaks: true, promptScan: true };
// The rules that act on fresh intent break only after a reset or a reboot: they need a fault on the path.
const WITHOUT_FAULTS = new Set(['(none)', 'recall', 'hasty-door-e', 'no-airlock-rules']);
const AFTER_A_FAULT: CheckOptions = { ...OPTIONS, faults: 1, leaks: false };

// What a run found: each property and level, with the length of its shortest counterexample.
const findings = (options: CheckOptions) => {
  const r = check(options);
  return { r, found: violations(r).map((v) => `${v.property} ${v.level} in ${v.trace.length} steps`).sort() };
};

describe('symmetry over the airlocks, and transitions by parts', () => {
  for (const name of ['(none)', ...Object.keys(MUTATIONS)]) {
    it(`finds the same violations with and without it, and stands for every state, with ${name === '(none)' ? 'the real rules' : `--break ${name}`}`, () => {
      const options = { ...(WITHOUT_FAULTS.has(name) ? OPTIONS : AFTER_A_FAULT), rules: MUTATIONS[name]?.rules, boot: MUTATIONS[name]?.boot };
      const plain = findings({ ...options, symmetry: false, parts: false }), reduced = findings({ ...options, selfCheck: 1 });
      expect(reduced.r.model.options.symmetry).toBe(true);
      expect(reduced.r.states).toBeLessThan(plain.r.states);
      expect(reduced.r.concreteStates).toBe(plain.r.states);
      expect(reduced.found).toEqual(plain.found);
      if (name !== '(none)') expect(reduced.found.length).toBeGreaterThan(0);
    }, 300_000);
  }

  it('is left off when the airlocks do not run the same hooks', () => {
    const onlyA: CheckOptions['rules'] = (hooks) => ({ ...hooks, 'airlock A': { pre: [() => false], post: hooks['airlock A']!.post } });
    expect(check({ airlocks: 2, faults: 0, leaks: false, promptScan: true, liveness: false, rules: onlyA, maxStates: 10 }).model.options.symmetry).toBe(false);
  });
});
