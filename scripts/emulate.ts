// `npm run emulate -- --board pico --image <uf2|elf|hex> --bootrom <file>`: runs the firmware image on an emulated
// RP2040 (rp2040js) with its pins wired to the bay's physics, and prints the image's reports as a host run does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BoardError } from '../firmware/board/validate';
import { LogLevel } from 'rp2040js';
import { bootromFromTs, loadBootromFile, loadImageFile, SUPPLY } from '../emulators/rp2040/files';
import { ImageError } from '../emulators/rp2040/image';
import { BootError, createEmulatedWorld } from '../emulators/rp2040/world';
import { duration } from '../sim/scenario/format';
import { formatReport, formatTime } from '../views/terminal/timeline';
import { loadBoard } from './lib/board-file';

const HELP = `usage: npm run emulate -- --board pico --image <file> --bootrom <file> [options]
       npm run emulate -- --extract-bootrom <rp2040js checkout>/demo/bootrom.ts --out <file>

Runs a firmware image on an emulated Raspberry Pi Pico (rp2040js, core 0) with every signal of
boards/<board>.json wired to the simulated bay: buttons and limit switches drive GPIO inputs (and the
released level of pulled-up ones), motor, pump, vent, heater and indicator pins are read from GPIO outputs,
UART sensors stream their lines into the chip's UART, analog sensors feed its ADC. The physics runs on the
emulator's clock. The image's USB console is decoded: each report line becomes a trace record.

  --board <name>     board file boards/<name>.json (default pico)
  --image <file>     the image: .uf2, .elf or Intel .hex (mcconfig -m -p pico -t build makes
                     build/pico/bin/pico/release/launch-bay/xs_pico.uf2)
  --bootrom <file>   the RP2040's 16384-byte mask ROM (B1 or B2), raw binary; rp2040js ships none
  --for <time>       emulated time to run after the controller starts: ms, or "30s", "2m" (default 10s)
  --start <state>    the settled bay the physics starts in: relaxed, ready or active (default relaxed);
                     the image reconstructs its states from the sensors, as after power-up
  --seed <n>         sensor noise seed (default 1)
  --press <what>     press a button, "<signal>@<time>[+<how long>]", e.g. "deck active request@2s+300ms"
                     (may be repeated; time after the controller starts; held 200 ms by default)
  --json             print the trace as JSON lines instead of a timeline
  --console          also print the image's other console lines
  --verbose          rp2040js's own log (unimplemented registers, USB transfers)
  --extract-bootrom <file>  writes the bootrom words of rp2040js's demo/bootrom.ts (a checkout of
                     https://github.com/wokwi/rp2040js; its npm package does not carry it) to --out <file>
                     as the raw binary --bootrom reads, and exits
  --out <file>       where --extract-bootrom writes (an existing file is not overwritten)
  --help             this text

Exit status: 0 when the run ends, 1 when the image does not boot or an invariant is violated, 2 for bad arguments.
See docs/FLASHING.md, "The image in an emulated Pico".`;

interface Press { signal: string; at: number; ms: number }

function parsePress(text: string): Press | string {
  const m = /^(.+)@([^+]+)(?:\+(.+))?$/.exec(text);
  const at = m ? duration(m[2]) : undefined, ms = m?.[3] ? duration(m[3]) : 200;
  if (!m || at === undefined || ms === undefined) return `--press "${text}": expected "<signal>@<time>[+<how long>]", e.g. "deck active request@2s"`;
  return { signal: m[1].trim(), at, ms };
}

/** A problem with the arguments or the files they name: printed, exit status 2. */
class UsageError extends Error {}

interface Options {
  board: string; image: string; bootrom: string; runMs: number; seed: number; start: 'relaxed' | 'ready' | 'active';
  presses: Press[]; json: boolean; console: boolean; verbose: boolean;
}

/** The options, checked; undefined for --help. */
function parseOptions(argv: string[]): Options | { extract: string; out: string } | undefined {
  let args;
  try {
    args = parseArgs({ args: argv, options: {
      board: { type: 'string', default: 'pico' }, image: { type: 'string' }, bootrom: { type: 'string' },
      for: { type: 'string', default: '10s' }, start: { type: 'string', default: 'relaxed' }, seed: { type: 'string', default: '1' },
      press: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean' }, console: { type: 'boolean' },
      verbose: { type: 'boolean' }, help: { type: 'boolean' }, 'extract-bootrom': { type: 'string' }, out: { type: 'string' },
    } }).values;
  } catch (e) { throw new UsageError(`${(e as Error).message}\n\n${HELP}`); }
  if (args.help) return undefined;
  if (args['extract-bootrom'] !== undefined || args.out !== undefined) {
    if (args['extract-bootrom'] === undefined || args.out === undefined) throw new UsageError('--extract-bootrom <rp2040js>/demo/bootrom.ts and --out <file> go together');
    return { extract: args['extract-bootrom'], out: args.out };
  }
  const missing = [!args.image && SUPPLY.image, !args.bootrom && SUPPLY.bootrom].filter(Boolean);
  if (missing.length) throw new UsageError(`${missing.join('\nemulate: ')}\n(npm run emulate -- --help lists every option)`);
  const runMs = duration(args.for), seed = Number(args.seed), start = args.start;
  if (runMs === undefined) throw new UsageError(`--for "${args.for}" is not a time (ms, or "30s", "2m")`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed "${args.seed}" is not an integer`);
  if (start !== 'relaxed' && start !== 'ready' && start !== 'active') throw new UsageError(`--start "${start}": expected relaxed, ready or active`);
  const presses = args.press.map((p) => { const x = parsePress(p); if (typeof x === 'string') throw new UsageError(x); return x; });
  return { board: args.board, image: args.image!, bootrom: args.bootrom!, runMs, seed, start, presses,
    json: args.json === true, console: args.console === true, verbose: args.verbose === true };
}

/** The board, image and bootrom the options name, each checked. */
function loadInputs(o: Options) {
  try {
    const board = loadBoard(o.board), image = loadImageFile(o.image), bootrom = loadBootromFile(o.bootrom);
    if (board.mcu !== 'rp2040') throw new UsageError(`board "${board.name}" is for the ${board.mcu}; the emulator is an RP2040 (a Pico board)`);
    for (const p of o.presses) if (!board.signals[p.signal]) throw new UsageError(`--press: board "${board.name}" has no signal "${p.signal}"`);
    return { board, image, bootrom };
  } catch (e) {
    if (e instanceof BoardError || e instanceof ImageError) throw new UsageError(e.message);
    throw e;
  }
}

function run(o: Options): number {
  const { board, image, bootrom } = loadInputs(o);
  const say = (text: string) => { if (!o.json) console.log(text); };
  say(`emulate: ${image.file} (${image.format}) on board ${board.name}, bootrom ${o.bootrom}, starting ${o.start}`);
  const world = createEmulatedWorld({
    board, image, bootrom, seed: o.seed, start: o.start, logLevel: o.verbose ? LogLevel.Debug : LogLevel.Error,
    onReport: (r) => console.log(o.json ? JSON.stringify(r) : formatReport(r)),
    onLine: (line) => { if (o.console && !line.startsWith('{')) say(`console: ${line}`); },
  });
  const at = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  say(`emulate: USB connected at ${at(world.usb.connectedAtMs)}, first console line at ${at(world.usb.firstLineAtMs)}, controller started at ${at(world.bootMs)} (emulated, from reset)`);
  for (const p of o.presses) world.clock.set(() => world.press(p.signal, p.ms), p.at);
  world.advance(o.runMs);
  world.stop();
  const states = Object.entries(world.controller.machines).map(([id, m]) => `${id} ${m.state}${m.goal ? ` (goal ${m.goal})` : ''}`);
  say(`emulate: after ${formatTime(world.clock.now())}: ${states.join(', ')}`);
  say(`emulate: ${(world.chip.nowMs / 1000).toFixed(1)} s emulated in ${(world.chip.wallMs / 1000).toFixed(1)} s: ${world.chip.speed.toFixed(2)}x real time`);
  for (const w of world.wiring.warnings) console.error(`emulate: warning: ${w}`);
  for (const v of world.invariants.violations) console.error(`emulate: invariant ${v.invariant} violated at ${formatTime(v.t)}: ${v.detail}`);
  return world.invariants.violations.length ? 1 : 0;
}

/** `--extract-bootrom`: the raw bootrom from rp2040js's demo/bootrom.ts, checked as `--bootrom` will read it. */
function extractBootrom(from: string, out: string): number {
  let text: string;
  try { text = readFileSync(from, 'utf8'); } catch (e) { throw new UsageError(`--extract-bootrom ${from}: ${(e as Error).message}`); }
  let bytes: Buffer;
  try { bytes = bootromFromTs(text, from); } catch (e) { throw new UsageError((e as Error).message); }
  if (existsSync(out)) throw new UsageError(`--out ${out} exists: not overwritten`);
  try { writeFileSync(out, bytes); } catch (e) { throw new UsageError(`--out ${out}: ${(e as Error).message}`); }
  loadBootromFile(out);
  console.log(`emulate: wrote ${out} (${bytes.length} bytes, the RP2040 bootrom from ${from}); use it as --bootrom ${out}`);
  return 0;
}

function main(argv: string[]): number {
  try {
    const o = parseOptions(argv);
    if (!o) { console.log(HELP); return 0; }
    if ('extract' in o) return extractBootrom(o.extract, o.out);
    return run(o);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`emulate: ${e.message}`); return 2; }
    if (e instanceof BootError) { console.error(e.message); return 1; }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
