// `npm run scenario -- <file> [--json] [--report out.html] [--vcd out.vcd]`: runs a scenario in virtual time and prints its
// timeline (or JSON lines); --report also writes one self-contained HTML report with charts of the whole run.
// Exit 0 when every expectation and invariant holds, 1 when one fails, 2 when the scenario or the options are malformed.
// With --emulate it plays on the emulated Pico instead (scripts/lib/scenario-emulate.ts).
import { writeFileSync } from 'node:fs';
import { BoardError } from '../firmware/board/validate';
import { Args, UsageError } from './lib/args';
import { writeReport } from '../views/report/html';
import { runForReport } from '../views/report/record';
import { parseScenario, ScenarioError } from '../sim/scenario/format';
import { runScenario } from '../sim/scenario/run';
import { samplePhysics } from '../sim/scenario/samples';
import type { SimWorld } from '../sim/world';
import { formatReport, formatTime } from '../views/terminal/timeline';
import { recordPins, type VcdRecorder } from '../views/report/vcd';
import { runEmulatedCli } from './lib/scenario-emulate';
import { boardsFor } from './lib/scenario-boards';
import { readSmallFile } from './lib/small-file';

/** The largest scenario file read: the shipped ones are a few KB, a soak's or verify's a few tens. */
const MAX_SCENARIO_BYTES = 4 << 20;

const usage = `usage: npm run scenario -- <file.json> [--json] [--report out.html] [--vcd out.vcd]
  --json           the trace as JSON lines instead of a timeline
  --report FILE    also write an HTML report: charts of the whole run, every expectation, the invariants' verdict
  --vcd FILE       also write every digital pin and analog input of the run as a VCD file (GTKWave, PulseView)
  --emulate --image FILE --bootrom FILE   play it on the emulated Pico instead (npm run emulate -- --help)`;

function parse(argv: string[]) {
  const o = { json: false, report: undefined as string | undefined, vcd: undefined as string | undefined, file: undefined as string | undefined };
  const args = new Args(argv);
  for (let a = args.next(); a !== undefined; a = args.next()) {
    if (a === '--json') o.json = true;
    else if (a === '--report') o.report = args.value(a);
    else if (a === '--vcd') o.vcd = args.value(a);
    else if (a === '--help' || a === '-h') { console.log(usage); process.exit(0); }
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (o.file !== undefined) throw new UsageError(`one scenario file at a time (got ${o.file} and ${a})`);
    else o.file = a;
  }
  if (o.file === undefined) throw new UsageError('which scenario file?');
  return o as typeof o & { file: string };
}

function main(argv: string[]): number {
  if (argv.includes('--emulate')) return runEmulatedCli(argv);
  let o;
  try { o = parse(argv); } catch (e) {
    if (e instanceof UsageError) { console.error(`scenario: ${e.message}\n\n${usage}`); return 2; }
    throw e;
  }
  const { file, json } = o;
  let text: string;
  try { text = readSmallFile(file, MAX_SCENARIO_BYTES); } catch (e) { console.error(`scenario: cannot read ${file}: ${(e as Error).message}`); return 2; }
  let scenario, board;
  try {
    scenario = parseScenario(text, file);
    board = boardsFor(scenario);
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof BoardError) { console.error(`scenario: ${e.message}`); return 2; }
    throw e;
  }
  const where = Array.isArray(board) ? `${board.length} nodes on the in-process bus` : `board ${board.name}`;
  if (!json) console.log(`scenario: ${scenario.name} (${where}, seed ${scenario.seed}, starting ${scenario.start})`);
  // JSON traces also carry the physics (start states, then door positions and pressures as they change), so an
  // outside monitor can judge the physical invariants from the trace alone.
  let pins: VcdRecorder | undefined;
  const setup = (world: SimWorld) => {
    if (json) samplePhysics(world, (s) => console.log(JSON.stringify(s)));
    if (o.vcd) pins = recordPins(world, Array.isArray(board) ? board : [board]);
  };
  const result = (o.report ? runForReport : runScenario)(scenario, board, (r) => console.log(json ? JSON.stringify(r) : formatReport(r)), { setup });
  for (const f of result.failures) {
    const where = `${file}${f.line ? `:${f.line}` : ''} ${f.field}`;
    const line = `FAILED at ${formatTime(f.t)}: ${where}: ${f.message}`;
    if (json) console.log(JSON.stringify({ t: f.t, kind: 'failure', field: f.field, line: f.line, detail: f.message })); else console.log(line);
  }
  if (json) console.log(JSON.stringify({ t: result.endMs, kind: 'verdict', ok: result.ok, expectations: result.checks, failures: result.failures.length, scenario: scenario.name }));
  else console.log(result.ok ? `passed: ${result.checks} expectations, invariants held for ${formatTime(result.endMs)}` : `failed: ${result.failures.length} problem(s)`);
  if (o.report) {
    try { writeReport(o.report, { scenario, result }); } catch (e) { console.error(`scenario: cannot write the report ${o.report}: ${(e as Error).message}`); return 2; }
    if (!json) console.log(`report: ${o.report}`);
  }
  if (o.vcd && pins) {
    try { writeFileSync(o.vcd, pins.vcd({ date: new Date(), comment: `scenario ${scenario.name} (${file}), seed ${scenario.seed}` })); } catch (e) { console.error(`scenario: cannot write the VCD ${o.vcd}: ${(e as Error).message}`); return 2; }
    if (!json) console.log(`vcd: ${o.vcd} (${pins.probes.length} signals)`);
  }
  return result.ok ? 0 : 1;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
process.exitCode = main(process.argv.slice(2));
