// The cluster scenarios against the golden traces (test/scenarios/golden-traces.test.ts has the rest): a file of
// its own, so vitest runs the slower six-node runs in a worker of their own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, GOLDEN_SEEDS, goldenDifference, goldenScenarios, scenarioEntry, scenarioKey, type Golden } from '../support/golden-traces';

const golden: Golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));

describe('the cluster scenarios run as they did when the golden traces were recorded', () => {
  for (const file of goldenScenarios().filter((f) => f.includes('/cluster/'))) {
    for (const seed of GOLDEN_SEEDS) {
      it(`${file} on seed ${seed}`, () => {
        expect(goldenDifference(golden[scenarioKey(file, seed)], scenarioEntry(file, seed))).toBeUndefined();
      }, 120_000);
    }
  }
});
