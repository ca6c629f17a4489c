// Invariant 8: sensor noise never changes a decision. Every shipped single-board scenario takes the same
// transitions (machine, from, to, event), in the same order, on noise seeds 1–5; a difference names the first
// transition where a seed parted from seed 1.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boardsFor } from '../../scripts/lib/scenario-boards';
import { parseScenario, type Scenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { firstDifference, transitionsOf } from '../support/transitions';

const SEEDS = [1, 2, 3, 4, 5];
const files = ['sim/scenarios', 'sim/scenarios/faults', 'sim/scenarios/fresh-intent'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));

const transitions = (scenario: Scenario, seed: number) => transitionsOf(runScenario({ ...scenario, seed }, boardsFor(scenario)).trace);

describe('the same transitions on every noise seed (invariant 8)', () => {
  it('names the first transition where two runs part', () => {
    expect(firstDifference(['a', 'b'], ['a', 'b'])).toBeUndefined();
    expect(firstDifference(['a', 'b'], ['a', 'c'])).toBe('transition 2: seed 1 took "b", this seed "c"');
    expect(firstDifference(['a'], ['a', 'c'])).toBe('transition 2: seed 1 took "(none: it ended)", this seed "c"');
  });

  for (const file of files) {
    const scenario = parseScenario(readFileSync(file, 'utf8'), file);
    if (scenario.cluster) continue;
    it(`${file} on seeds ${SEEDS.join(', ')}`, () => {
      // A scenario may take none at all (a friendly bay kept warm for an hour): then none on any seed either.
      const reference = transitions(scenario, SEEDS[0]);
      for (const seed of SEEDS.slice(1)) expect(firstDifference(reference, transitions(scenario, seed)), `seed ${seed}`).toBeUndefined();
    }, 120_000);
  }
});
