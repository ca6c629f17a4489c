// A soak counterexample saved as a scenario replays the campaign exactly: the same violations at the same times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { boardsFor } from '../../scripts/lib/scenario-boards';
import { checkAgainstBoards } from '../../sim/scenario/check-board';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { boardSchedule, runSchedule, toScenarioFile } from '../../sim/campaign/schedule';

const board = loadBoard('sim');

describe('a campaign as a scenario', () => {
  it('replays random campaigns with the same violations and end, on a controller broken to produce some', () => {
    // A controller that thinks a vacuum is ship pressure opens inner doors onto it: violations to compare.
    const thresholds = { fullKpa: -1, holdsFullKpa: -1, matchKpa: 200, equalKpa: 200 };
    let violations = 0;
    for (const steps of fc.sample(boardSchedule(12), { seed: 7, numRuns: 4 })) {
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

  it('replays a cluster campaign with broken state stores: the same violations (if any) and end', () => {
    const steps = [
      { afterMs: 0, action: { do: 'request' as const, deck: 'active' as const } },
      { afterMs: 0, action: { do: 'store' as const, fault: 'lose' as const, node: 'bay' } },
      { afterMs: 0, action: { do: 'reboot' as const, downMs: 10, node: 'bay' } },
      { afterMs: 20_000, action: { do: 'store' as const, fault: 'unwritable' as const, node: 'airlock-b' } },
      { afterMs: 1000, action: { do: 'reboot' as const, downMs: 500, node: 'airlock-b' } },
    ];
    const campaign = runSchedule(board, steps, 2, 30_000);
    const scenario = parseScenario(JSON.stringify(toScenarioFile(steps, 2, 'x', 30_000)), 'x.json');
    expect(scenario.cluster).toBe(true);
    const replay = runScenario(scenario, boardsFor(scenario));
    expect(replay.endMs).toBe(campaign.endMs);
    expect(replay.failures.map((f) => `${f.field} ${f.t}`)).toEqual(campaign.violations.map((v) => `invariant ${v.invariant} ${v.t}`));
  });
});
