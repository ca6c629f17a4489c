// A faster simulator is the same simulator: every shipped single-board scenario on seeds 1–3, and two hours of the
// bench's soak, give exactly the reports (transitions and their times) and the physics recorded in
// test/scenarios/golden-traces.json before the simulator was sped up (test/support/record-golden-traces.ts writes it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, GOLDEN_SEEDS, GOLDEN_SOAK, goldenDifference, goldenScenarios, scenarioEntry, scenarioKey, soakEntry, soakKey, type Golden } from '../support/golden-traces';

const golden: Golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));

describe('the simulator runs as it did when the golden traces were recorded', () => {
  it('names what differs', () => {
    const run = { transitions: 2, reports: 3, transitionsDigest: 'a', digest: 'b' };
    expect(goldenDifference(run, run)).toBeUndefined();
    expect(goldenDifference(run, { ...run, transitionsDigest: 'c', transitions: 1 })).toBe('other transitions: 1 taken, 2 in the golden run');
    expect(goldenDifference(run, { ...run, digest: 'c' })).toMatch(/^the same transitions, but other reports/);
    expect(goldenDifference(undefined, run)).toMatch(/^not in the golden file/);
  });

  it('holds every shipped scenario on every golden seed, and nothing else', () => {
    const keys = goldenScenarios().flatMap((f) => GOLDEN_SEEDS.map((s) => scenarioKey(f, s)));
    expect(Object.keys(golden).sort()).toEqual([...keys, soakKey()].sort());
  });

  for (const file of goldenScenarios().filter((f) => !f.includes('/cluster/'))) {
    it(`${file} on seeds ${GOLDEN_SEEDS.join(', ')}`, () => {
      for (const seed of GOLDEN_SEEDS) expect(goldenDifference(golden[scenarioKey(file, seed)], scenarioEntry(file, seed)), `seed ${seed}`).toBeUndefined();
    }, 120_000);
  }

  it(`the bench's soak for ${GOLDEN_SOAK.hours} h on seed ${GOLDEN_SOAK.seed}`, () => {
    expect(goldenDifference(golden[soakKey()], soakEntry())).toBeUndefined();
  }, 180_000);
});
