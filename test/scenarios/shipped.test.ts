// Every shipped scenario passes in virtual time, through the real controller, hooks and simulated hardware.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { boardsFor } from '../../scripts/lib/scenario-boards';

const dir = 'sim/scenarios';
const load = (file: string) => parseScenario(readFileSync(`${dir}/${file}`, 'utf8'), `${dir}/${file}`);

describe('the shipped scenarios', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`passes ${file}`, () => {
      const scenario = load(file);
      const result = runScenario(scenario, loadBoard(scenario.board));
      expect(result.failures).toEqual([]);
      expect(result.checks).toBeGreaterThan(0);
    });
  }

  it('refuses Alice\'s button 2 while airlock B is recalled, in the Alice story', () => {
    const { trace } = runScenario(load('alice.json'), loadBoard('sim'));
    const vetoes = trace.filter((r) => r.kind === 'veto' && r.machine === 'airlock B' && r.event === 'ask open outer');
    expect(vetoes.map((v) => v.from)).toContain('closing outer');
    expect(trace.some((r) => r.kind === 'transition' && r.machine === 'airlock B' && r.from === 'closed depressurized' && r.to === 'opening outer')).toBe(true);
  });

  it('gives every veto and refusal a reason, in every shipped scenario', () => {
    for (const path of ['sim/scenarios', 'sim/scenarios/faults'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`))) {
      const scenario = parseScenario(readFileSync(path, 'utf8'), path);
      const { trace } = runScenario(scenario, boardsFor(scenario));
      const unexplained = trace.filter((r) => (r.kind === 'veto' || r.kind === 'interlock') && !r.reason);
      expect(unexplained, path).toEqual([]);
    }
  });

  it('never drives the bay door open before the bay is hostile, in the red alert', () => {
    const { trace } = runScenario(load('red-alert-and-back.json'), loadBoard('sim'));
    const hostileAt = trace.find((r) => r.machine === 'bay environment' && r.to === 'hostile')!.t;
    const openingAt = trace.find((r) => r.machine === 'bay door' && r.to === 'opening')!.t;
    expect(openingAt).toBeGreaterThanOrEqual(hostileAt);
  });
});
