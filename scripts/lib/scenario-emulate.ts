// `npm run scenario -- FILE --emulate --image <file> --bootrom <file> [--tolerance ms] [--json]`: plays the scenario on
// the emulated Pico, then on the host simulator, and compares the two traces (same reports, times within tolerance).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BoardError } from '../../firmware/board/validate';

import { compareTraces } from '../../emulators/rp2040/compare';
import { loadBootromFile, loadImageFile, SUPPLY } from '../../emulators/rp2040/files';
import { ImageError } from '../../emulators/rp2040/image';
import { runEmulatedScenario, runHostReference } from '../../emulators/rp2040/scenario';
import { BootError } from '../../emulators/rp2040/world';
import { parseScenario, ScenarioError } from '../../sim/scenario/format';
import type { Failure } from '../../sim/scenario/run';
import { formatReport, formatTime } from '../../views/terminal/timeline';
import { loadBoard } from './board-file';

/** How far apart the image's and the host's report of one event may be (docs/FLASHING.md says why). */
export const DEFAULT_TOLERANCE_MS = 250;

const USAGE = 'usage: npm run scenario -- <file.json> --emulate --image <uf2|elf|hex> --bootrom <file> [--tolerance <ms>] [--json]';

/** A problem with the arguments or the files they name: printed, exit status 2. */
class UsageError extends Error {}

/** The scenario, its board, the image and the bootrom the arguments name, each checked. */
function load(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {
      emulate: { type: 'boolean' }, image: { type: 'string' }, bootrom: { type: 'string' },
      tolerance: { type: 'string', default: String(DEFAULT_TOLERANCE_MS) }, json: { type: 'boolean' },
    } });
  } catch (e) { throw new UsageError(`${(e as Error).message}\n${USAGE}`); }
  const { values: o, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const missing = [!o.image && SUPPLY.image, !o.bootrom && SUPPLY.bootrom].filter(Boolean);
  if (missing.length) throw new UsageError(missing.join('\nscenario: '));
  const tolerance = Number(o.tolerance);
  if (!(tolerance >= 0)) throw new UsageError(`--tolerance "${o.tolerance}" is not a number of ms`);
  const file = positionals[0];
  try {
    const scenario = parseScenario(readFileSync(file, 'utf8'), file), board = loadBoard(scenario.board);
    return { file, scenario, board, image: loadImageFile(o.image!), bootrom: loadBootromFile(o.bootrom!), tolerance, json: o.json === true };
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof BoardError || e instanceof ImageError) throw new UsageError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`cannot read ${file}`);
    throw e;
  }
}

export function runEmulatedCli(argv: string[]): number {
  try {
    return play(load(argv));
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError) { console.error(`scenario: ${e.message}`); return 2; }
    if (e instanceof BootError) { console.error(e.message); return 1; }
    throw e;
  }
}

function play({ file, scenario, board, image, bootrom, tolerance, json }: ReturnType<typeof load>): number {
  const out = (kind: string, r: object, text: string) => console.log(json ? JSON.stringify({ run: kind, ...r }) : text);
  if (!json) console.log(`scenario: ${scenario.name} (board ${board.name} on the emulated Pico, seed ${scenario.seed}, starting ${scenario.start})`);
  const emulated = runEmulatedScenario(scenario, board, file, { image, bootrom, onReport: (r) => out('image', r, `image ${formatReport(r)}`) });
  const { result: host, start } = runHostReference(scenario, board);
  const comparison = compareTraces(host.trace, emulated.trace, start, tolerance);

  const fail = (where: string, f: Failure) => `FAILED ${where} at ${formatTime(f.t)}: ${file}${f.line ? `:${f.line}` : ''} ${f.field}: ${f.message}`;
  for (const f of emulated.failures) out('image', { kind: 'failure', t: f.t, field: f.field, detail: f.message }, fail('on the image', f));
  for (const f of host.failures) out('host', { kind: 'failure', t: f.t, field: f.field, detail: f.message }, fail('on the host', f));
  for (const d of comparison.differences) out('compare', { kind: 'difference', detail: d }, `TRACES DIFFER: ${d}`);
  for (const w of emulated.warnings) console.error(`scenario: warning: ${w}`);
  const ok = emulated.ok && host.ok && comparison.differences.length === 0;
  const summary = {
    kind: 'summary', ok, checks: emulated.checks, bootMs: Math.round(emulated.bootMs), emulatedMs: Math.round(emulated.endMs),
    wallMs: Math.round(emulated.wallMs), speed: Number(emulated.speed.toFixed(2)), matched: comparison.matched, maxSkewMs: comparison.maxSkewMs, toleranceMs: tolerance,
  };
  out('summary', summary, [
    `image: booted in ${(summary.bootMs / 1000).toFixed(2)} s, reconstructed ${Object.entries(emulated.booted).map(([id, s]) => `${id} ${s}`).join(', ')}`,
    `image: ${formatTime(emulated.endMs)} of scenario in ${(summary.wallMs / 1000).toFixed(1)} s wall (${summary.speed}x real time)`,
    `traces: ${comparison.matched} reports match the host run's, largest skew ${comparison.maxSkewMs} ms (tolerance ${tolerance} ms)`,
    ok ? `passed: ${emulated.checks} expectations on the image, invariants held, traces equal` : 'failed',
  ].join('\n'));
  return ok ? 0 : 1;
}
