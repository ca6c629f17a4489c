// `npm run soak -- --runs N [--seed S] [--out DIR] [--board B]`: many random fault campaigns (up to two faults each), with a
// progress bar. A failure shrinks to a small schedule, prints the invariant it broke and the steps, writes them as
// a scenario file with its HTML report beside it (charts, timeline, the broken invariant), and prints the one
// command that replays it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { BoardError } from '../firmware/board/validate';
import { hostedAirlocks } from '../firmware/board/signals';
import type { Board } from '../firmware/board/types';
import { loadBoardArg } from '../boards/load';
import { progressBar } from './lib/progress-bar';
import { reportScenarioFile } from './lib/report-file';
import { Args, UsageError, usageExit } from './lib/args';
import { runSchedule, schedule, toScenarioFile, type Step } from '../sim/campaign/schedule';
import type { Violation } from '../sim/invariants';

const USAGE = `usage: npm run soak -- [--runs N] [--seed S] [--out DIR] [--board NAME | --board FILE.json]
  --runs N        how many random campaigns (default 200)
  --seed S        fast-check's seed, to repeat a run (default: the clock's)
  --out DIR       where a failing campaign's scenario file and report go (default test-artifacts/soak)
  --board B       the board the campaigns run on: a name in boards/ (default sim), or a board file's path; it
                  must host the whole bay (deck, door E, environment) and its airlocks, e.g. a ship with airlock F
Exit 0 when every campaign kept every invariant, 1 when one broke one, 2 on a bad option or board.`;

/** The whole bay on one board: a campaign drives the deck, door E and the environment as well as the airlocks. */
const BAY = ['battle deck', 'bay door', 'bay environment'];

function parse(argv: string[]) {
  const o = { runs: 200, seed: Date.now() % 1_000_000, out: 'test-artifacts/soak', board: 'sim' };
  const args = new Args(argv);
  for (let a = args.next(); a !== undefined; a = args.next()) {
    if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
    else if (a === '--runs') o.runs = args.number(a, { min: 1, max: 10_000_000, integer: true });
    else if (a === '--seed') o.seed = args.number(a, { min: 0, max: 2 ** 31 - 1, integer: true });
    else if (a === '--out') o.out = args.value(a);
    else if (a === '--board') o.board = args.value(a);
    else throw new UsageError(a.startsWith('-') ? `unknown option ${a}` : `unexpected argument ${JSON.stringify(a)}`);
  }
  return o;
}

function boardOf(arg: string): Board {
  const board = loadBoardArg(arg);
  const missing = BAY.filter((id) => !board.hosts.includes(id as Board['hosts'][number]));
  if (missing.length || hostedAirlocks([board]).length === 0) {
    const lacks = [...missing, ...(hostedAirlocks([board]).length ? [] : ['an airlock'])];
    throw new BoardError(arg.endsWith('.json') ? arg : `boards/${arg}.json`, 'hosts', `a soak runs the whole bay on one board, and this one lacks ${lacks.join(', ')} (it hosts ${board.hosts.join(', ')})`);
  }
  return board;
}

let options: ReturnType<typeof parse>, board: Board;
try {
  options = parse(process.argv.slice(2));
  board = boardOf(options.board);
} catch (e) {
  if (e instanceof UsageError || e instanceof BoardError) usageExit('soak', e.message, USAGE);
  throw e;
}
const { runs, seed, out: outDir } = options;
const letters = hostedAirlocks([board]);
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

console.log(`soak: ${runs} campaigns on board ${board.name} (airlocks ${letters.join(', ')}), up to two faults each, seed ${seed}`);
let failed = false;
const result = fc.check(fc.property(schedule(40, 2, 600_000, letters), fc.integer({ min: 1, max: 1000 }), (steps, noise) => {
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
  writeFileSync(file, `${JSON.stringify(toScenarioFile(steps, noise, `soak campaign ${seed}`, undefined, board.name), null, 2)}\n`);
  // A scenario names its board, which npm run scenario looks up in boards/.
  const outside = options.board.endsWith('.json') ? ` (after copying ${options.board} to boards/${board.name}.json)` : '';
  console.log(`\nreplay${outside}: npm run scenario -- ${file}`);
  try { console.log(`report: ${reportScenarioFile(file, undefined, `A campaign of npm run soak (seed ${seed}) that broke an invariant, shrunk.`)}`); } catch (e) {
    console.error(`soak: no report for ${file}: ${(e as Error).message}`);
  }
  process.exit(1);
} else if (result.failed) {
  console.log(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log(`soak: all ${runs} campaigns kept every invariant (${(simulatedMs / 3_600_000).toFixed(1)} simulated hours)`);
