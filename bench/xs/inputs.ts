// Reads the shipped scenarios and every board file they run on (Node side), for runScenarios on Node and on XS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './bundle';
import type { ScenarioInputs } from './scenarios';

const json = (path: string): unknown => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));

/** Every sim/scenarios/*.json and sim/scenarios/cluster/*.json, with all boards/*.json and their pin tables. */
export function shippedScenarioInputs(): ScenarioInputs {
  const scenarios = ['sim/scenarios', 'sim/scenarios/cluster'].flatMap((dir) => readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(repoRoot, dir, f), 'utf8') })));
  const boards: ScenarioInputs['boards'] = {};
  for (const f of readdirSync(join(repoRoot, 'boards')).filter((f) => f.endsWith('.json'))) {
    const board = json(`boards/${f}`) as { mcu: string };
    boards[f.slice(0, -'.json'.length)] = { board, mcu: json(`boards/mcu/${board.mcu}.json`) };
  }
  return { boards, scenarios };
}
