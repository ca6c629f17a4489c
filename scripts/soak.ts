// `npm run soak -- --runs N [--seed S]`: many random fault campaigns, with a progress bar.
// A failure shrinks to a small schedule and prints it with the seed and path that replay it, and saves it as a
// scenario file with its HTML report (test-artifacts/soak/, or --out DIR).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadBoard } from './lib/board-file';
import { reportScenarioFile } from './lib/report-file';
import { campaignScenario } from '../sim/campaign/to-scenario';
import { runSchedule, schedule, type Step } from '../sim/campaign/schedule';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) { console.error(`soak: ${name} must be a whole number`); process.exit(2); }
  return v;
}

const runs = arg('--runs', 200), seed = arg('--seed', Date.now() % 1_000_000);
const outAt = process.argv.indexOf('--out'), out = outAt >= 0 ? process.argv[outAt + 1] : 'test-artifacts/soak';
if (out === undefined || out.startsWith('-')) { console.error('soak: --out needs a folder'); process.exit(2); }
const board = loadBoard('sim');
const tty = process.stderr.isTTY === true;
let done = 0, simulatedMs = 0;
const started = Date.now();

function progress(final = false) {
  const width = 30, filled = Math.round((done / runs) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${runs} runs, ${(simulatedMs / 3_600_000).toFixed(1)} simulated h, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
  else if (done % Math.max(1, Math.floor(runs / 10)) === 0 !== final) process.stderr.write(`${line}\n`);
}

console.log(`soak: ${runs} campaigns on board ${board.name}, seed ${seed}`);
const result = fc.check(fc.property(schedule(), fc.integer({ min: 1, max: 1000 }), (steps, noise) => {
  const r = runSchedule(board, steps, noise);
  done++; simulatedMs += r.endMs;
  progress();
  if (r.violations.length) throw new Error(r.violations.map((v) => `invariant ${v.invariant} at ${v.t} ms: ${v.detail}`).join('\n'));
}), { numRuns: runs, seed });
progress(true);
if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  console.log(`replay: npm run soak -- --runs ${runs} --seed ${seed}`);
  const [steps, noise] = result.counterexample as [Step[], number];
  const file = join(out, `counterexample-seed-${seed}.json`);
  mkdirSync(out, { recursive: true });
  writeFileSync(file, `${JSON.stringify(campaignScenario(`soak counterexample, seed ${seed}`, steps, noise, board.name), null, 2)}\n`);
  console.log(`scenario: ${file}\nreport: ${reportScenarioFile(file, undefined, `Counterexample found by npm run soak --seed ${seed}.`)}`);
  process.exit(1);
}
console.log(`soak: all ${runs} campaigns kept every invariant (${(simulatedMs / 3_600_000).toFixed(1)} simulated hours)`);
