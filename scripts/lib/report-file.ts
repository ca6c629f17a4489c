// A scenario file's HTML report, beside it or where asked: for the soak and the verifier, one per counterexample.
import { readFileSync } from 'node:fs';
import { writeReport } from '../../views/report/html';
import { parseScenario } from '../../sim/scenario/format';
import { runForReport } from '../../views/report/record';
import { boardsFor } from './scenario-boards';

/** Runs the scenario in `file` with sampling and writes its report to `out` (default: the file with `.html`). Returns `out`. */
export function reportScenarioFile(file: string, out = file.replace(/\.json$/, '') + '.html', note?: string): string {
  const scenario = parseScenario(readFileSync(file, 'utf8'), file);
  const result = runForReport(scenario, boardsFor(scenario));
  writeReport(out, { scenario, result, note });
  return out;
}
