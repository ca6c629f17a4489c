// A search shared by two threads (verify/check.ts searchShared, `npm run verify -- --threads 2`) finds what one
// thread finds: the same states and transitions, and each property with a counterexample of the same length (for
// liveness, to the state that may wait), shown
// by the same number of states, for the real rules and every rule broken on purpose. Every composed transition is
// checked against the machines in both threads (--self-check 1), so a state one thread stored reads the same in the
// other (the memory's codes are shared).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mutationNames } from '../../verify';

const RUN = ['--airlocks', '2', '--faults', '1', '--prompt-scan', '--no-leaks', '--self-check', '1', '--json'];

interface Out {
  states: number; transitions: number; runs: { depth: number; concreteStates: number }[];
  violations: { property: string; level: string; states: number; trace: string[]; waitsFrom?: number }[];
}

const verify = (threads: number, rule?: string): Out => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...RUN, '--threads', String(threads), ...(rule ? ['--break', rule, '--out', `test-artifacts/verify-threads/${threads}`] : [])], { encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(rule ? 1 : 0);
  return JSON.parse(r.stdout) as Out;
};
const summary = (o: Out) => ({
  states: o.states, transitions: o.transitions, depth: o.runs[0].depth, concreteStates: o.runs[0].concreteStates,
  // A liveness trace goes to the first state that may wait (as short as a safety one), then follows its waiting, which
  // depends on which of the states at that depth is first: the first part is compared.
  found: o.violations.map((v) => `${v.property} ${v.level} in ${v.waitsFrom ?? v.trace.length} steps, ${v.states} states`).sort(),
});

describe('a search shared by two threads', () => {
  for (const rule of [undefined, ...mutationNames]) {
    it(`finds what one thread finds, with ${rule ? `--break ${rule}` : 'the real rules'}`, () => {
      const one = summary(verify(1, rule)), two = summary(verify(2, rule));
      expect(two).toEqual(one);
      if (rule) expect(two.found.length).toBeGreaterThan(0);
    }, 300_000);
  }
});
