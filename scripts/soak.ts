// `npm run soak -- --runs N [--seed S] [--out DIR]`: many random fault campaigns (up to two faults each), with a
// progress bar. A failure shrinks to a small schedule, prints the invariant it broke and the steps, writes them as
// a scenario file with its HTML report beside it (charts, timeline, the broken invariant), and prints the one
// command that replays it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadBoard } from './lib/board-file';
import { progressBar } from './lib/progress-bar';
import { reportScenarioFile } from './lib/report-file';
import { runSchedule, schedule, toScenarioFile, type Step } from '../sim/campaign/schedule';
import type { Violation } from '../sim/invariants';

const USAGE = 'usage: npm run soak -- [--runs N] [--seed S] [--out DIR]';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) { console.error(`soak: ${name} must be a whole number\n${USAGE}`); process.exit(2); }
  return v;
}
const outIndex = process.argv.indexOf('--out');
const runs = arg('--runs', 200), seed = arg('--seed', Date.now() % 1_000_000);
const outDir = outIndex >= 0 ? process.argv[outIndex + 1] ?? '' : 'test-artifacts/soak';
if (outDir === '' || outDir.startsWith('-')) { console.error(`soak: --out needs a folder\n${USAGE}`); process.exit(2); }
const board = loadBoard('sim');
const tty = process.stderr.isTTY === true;
let done = 0, simulatedMs = 0, shrinking = 0;
const started = Date.now();

function progress(final = false) {
  const what = shrinking > 0 ? `shrinking the failure (${shrinking} tries)` : `${Math.min(done, runs)}/${runs} runs`;
  const line = `${progressBar(done, runs)} ${what}, ${(simulatedMs / 3_600_000).toFixed(1)} simulated h, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (tty) process.stderr.write(`\r${line.padEnd(90)}${final ? '\n' : ''}`);
  else if (final || (shrinking === 0 && done % Math.max(1, Math.floor(runs / 10)) === 0)) process.stderr.write(`${line}\n`);
}

const describe = (v: Violation) => `invariant ${v.invariant} at ${(v.t / 1000).toFixed(2)} s: ${v.detail}`;

console.log(`soak: ${runs} campaigns on board ${board.name}, up to two faults each, seed ${seed}`);
let failed = false;
const result = fc.check(fc.property(schedule(), fc.integer({ min: 1, max: 1000 }), (steps, noise) => {
  const r = runSchedule(board, steps, noise);
  if (failed) shrinking++; else done++;
  simulatedMs += r.endMs;
  progress();
  if (r.violations.length) { failed = true; throw new Error(r.violations.map(describe).join('\n')); }
}), { numRuns: runs, seed });
progress(true);
if (result.failed && result.counterexample) {
  const [steps, noise] = result.counterexample as [Step[], number];
  const violations = runSchedule(board, steps, noise).violations;
  console.log(`\nsoak: a campaign broke ${violations.length ? violations.map((v) => `invariant ${v.invariant}`).join(', ') : 'an invariant'} (shrunk to ${steps.length} steps, noise seed ${noise}):`);
  for (const v of violations) console.log(`  ${describe(v)}`);
  console.log('steps:');
  let at = 0;
  for (const s of steps) { at += s.afterMs; console.log(`  at ${(at / 1000).toFixed(1)} s: ${JSON.stringify(s.action)}`); }
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `soak-${seed}.json`);
  writeFileSync(file, `${JSON.stringify(toScenarioFile(steps, noise, `soak campaign ${seed}`), null, 2)}\n`);
  console.log(`\nreplay: npm run scenario -- ${file}`);
  try { console.log(`report: ${reportScenarioFile(file, undefined, `A campaign of npm run soak (seed ${seed}) that broke an invariant, shrunk.`)}`); } catch (e) {
    console.error(`soak: no report for ${file}: ${(e as Error).message}`);
  }
  process.exit(1);
} else if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log(`soak: all ${runs} campaigns kept every invariant (${(simulatedMs / 3_600_000).toFixed(1)} simulated hours)`);
