// `npm run scenario -- <file> [--json]`: runs a scenario in virtual time and prints its timeline (or JSON lines).
// Exit 0 when every expectation and invariant holds, 1 when one fails, 2 when the scenario is malformed.
import { readFileSync } from 'node:fs';
import { BoardError } from '../firmware/board/validate';
import { parseScenario, ScenarioError } from '../sim/scenario/format';
import { runScenario } from '../sim/scenario/run';
import { samplePhysics } from '../sim/scenario/samples';
import type { SimWorld } from '../sim/world';
import { formatReport, formatTime } from '../sim/view/timeline';
import { boardsFor } from './lib/scenario-boards';

function main(args: string[]): number {
  const json = args.includes('--json'), files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (files.length !== 1 || unknown.length) { console.error('usage: npm run scenario -- <file.json> [--json]'); return 2; }
  const file = files[0];
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { console.error(`scenario: cannot read ${file}: ${(e as Error).message}`); return 2; }
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
  const physics = json ? { setup: (world: SimWorld) => samplePhysics(world, (s) => console.log(JSON.stringify(s))) } : {};
  const result = runScenario(scenario, board, (r) => console.log(json ? JSON.stringify(r) : formatReport(r)), physics);
  for (const f of result.failures) {
    const where = `${file}${f.line ? `:${f.line}` : ''} ${f.field}`;
    const line = `FAILED at ${formatTime(f.t)}: ${where}: ${f.message}`;
    if (json) console.log(JSON.stringify({ t: f.t, kind: 'failure', field: f.field, line: f.line, detail: f.message })); else console.log(line);
  }
  if (!json) console.log(result.ok ? `passed: ${result.checks} expectations, invariants held for ${formatTime(result.endMs)}` : `failed: ${result.failures.length} problem(s)`);
  return result.ok ? 0 : 1;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
process.exitCode = main(process.argv.slice(2));
