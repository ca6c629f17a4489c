// A reboot at any instant of any shipped scenario resumes safely: the invariants hold before, during and after.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { loadBoard } from '../../scripts/lib/board-file';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const board = loadBoard('sim');
// Every single-board scenario, the fault scenarios among them (cluster ones reboot nodes in test/net).
const files = ['sim/scenarios', 'sim/scenarios/faults'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`))
  .filter((path) => !parseScenario(readFileSync(path, 'utf8'), path).cluster);
// Instants spread over each scenario's run, off the 50 ms grid so reboots land mid-step and mid-movement.
const FRACTIONS = [0.05, 0.2, 0.37, 0.5, 0.66, 0.9];

describe('a reboot during a scenario', () => {
  for (const file of files) {
    it(`resumes safely at any instant of ${file}`, () => {
      const scenario = parseScenario(readFileSync(file, 'utf8'), file);
      const length = runScenario(scenario, board).endMs;
      for (const fraction of FRACTIONS) {
        const at = Math.round(length * fraction) + 17;
        const trace: ControllerReport[] = [];
        const result = runScenario(scenario, board, (r) => trace.push(r), { setup: (world) => world.clock.set(() => world.reboot(1500), at) });
        const violations = result.failures.filter((f) => f.field.startsWith('invariant'));
        expect(violations, `reboot at ${at} ms`).toEqual([]);
        // A reboot changes the story (the new controller knows no goals), so the run may end before the machines are
        // rebuilt: 1.5 s without power, then up to the boot timeout (2 s) while a sensor is not yet seen live.
        if (result.endMs < at + 1500 + 2000 + 100) continue;
        // A scenario that cuts the power itself may be off at `at`, or rebuild on its own schedule: only its invariants count.
        if (scenario.steps.some((s) => 'reboot' in s)) continue;
        const rebuilt = trace.filter((r) => r.event === 'reconstructed from sensors' && r.t > at);
        expect(rebuilt.length, `reboot at ${at} ms`).toBe(7);
        expect(rebuilt[0].t).toBeGreaterThanOrEqual(at + 1500);
      }
    });
  }
});
