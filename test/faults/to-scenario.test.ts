// A soak counterexample saved as a scenario replays the campaign exactly: the same violations at the same times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { checkAgainstBoards } from '../../sim/scenario/check-board';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { runSchedule, schedule, toScenarioFile } from '../../sim/campaign/schedule';

const board = loadBoard('sim');

describe('a campaign as a scenario', () => {
  it('replays random campaigns with the same violations and end, on a controller broken to produce some', () => {
    // A controller that thinks a vacuum is ship pressure opens inner doors onto it: violations to compare.
    const thresholds = { fullKpa: -1, holdsFullKpa: -1, matchKpa: 200, equalKpa: 200 };
    let violations = 0;
    for (const steps of fc.sample(schedule(12), { seed: 7, numRuns: 4 })) {
      const campaign = runSchedule(board, steps, 3, 60_000, thresholds);
      violations += campaign.violations.length;
      const scenario = parseScenario(JSON.stringify(toScenarioFile(steps, 3, 'x')), 'x.json');
      checkAgainstBoards(scenario, board);
      const replay = runScenario(scenario, board, undefined, { thresholds });
      expect(replay.endMs).toBe(campaign.endMs);
      expect(replay.failures.map((f) => `${f.field} ${f.t}`)).toEqual(campaign.violations.map((v) => `invariant ${v.invariant} ${v.t}`));
    }
    expect(violations).toBeGreaterThan(0);
  });
});
