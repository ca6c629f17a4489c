// `npm run emulate -- --board pico --image <uf2|elf|hex> --bootrom <file>`: runs the firmware image on an emulated
// RP2040 (rp2040js) with its pins wired to the bay's physics, and prints the image's reports as a host run does.
import { parseArgs } from 'node:util';
import { BoardError } from '../firmware/board/validate';
import { LogLevel } from 'rp2040js';
import { loadBootromFile, loadImageFile, SUPPLY } from '../sim/emulator/files';
import { ImageError } from '../sim/emulator/image';
import { BootError, createEmulatedWorld } from '../sim/emulator/world';
import { duration } from '../sim/scenario/format';
import { formatReport, formatTime } from '../sim/view/timeline';
import { loadBoard } from './lib/board-file';

const HELP = `usage: npm run emulate -- --board pico --image <file> --bootrom <file> [options]

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

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({ args: argv, options: {
      board: { type: 'string', default: 'pico' }, image: { type: 'string' }, bootrom: { type: 'string' },
      for: { type: 'string', default: '10s' }, start: { type: 'string', default: 'relaxed' }, seed: { type: 'string', default: '1' },
      press: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean' }, console: { type: 'boolean' },
      verbose: { type: 'boolean' }, help: { type: 'boolean' },
    } }).values;
  } catch (e) { console.error(`emulate: ${(e as Error).message}\n\n${HELP}`); return 2; }
  if (args.help) { console.log(HELP); return 0; }
  const missing = [!args.image && SUPPLY.image, !args.bootrom && SUPPLY.bootrom].filter(Boolean);
  if (missing.length) { for (const m of missing) console.error(`emulate: ${m}`); console.error('(npm run emulate -- --help lists every option)'); return 2; }
  const runMs = duration(args.for), seed = Number(args.seed), start = args.start;
  if (runMs === undefined) { console.error(`emulate: --for "${args.for}" is not a time (ms, or "30s", "2m")`); return 2; }
  if (!Number.isInteger(seed)) { console.error(`emulate: --seed "${args.seed}" is not an integer`); return 2; }
  if (start !== 'relaxed' && start !== 'ready' && start !== 'active') { console.error(`emulate: --start "${start}": expected relaxed, ready or active`); return 2; }
  const presses = args.press.map(parsePress);
  const badPress = presses.find((p): p is string => typeof p === 'string');
  if (badPress) { console.error(`emulate: ${badPress}`); return 2; }

  let board, image, bootrom;
  try {
    board = loadBoard(args.board);
    image = loadImageFile(args.image!);
    bootrom = loadBootromFile(args.bootrom!);
  } catch (e) {
    if (e instanceof BoardError || e instanceof ImageError) { console.error(`emulate: ${e.message}`); return 2; }
    throw e;
  }
  if (board.mcu !== 'rp2040') { console.error(`emulate: board "${board.name}" is for the ${board.mcu}; the emulator is an RP2040 (a Pico board)`); return 2; }
  for (const p of presses as Press[]) {
    if (!board.signals[p.signal]) { console.error(`emulate: --press: board "${board.name}" has no signal "${p.signal}"`); return 2; }
  }
  const say = (text: string) => { if (!args.json) console.log(text); };
  say(`emulate: ${image.file} (${image.format}) on board ${board.name}, bootrom ${args.bootrom}, starting ${start}`);
  let world;
  try {
    world = createEmulatedWorld({
      board, image, bootrom, seed, start, logLevel: args.verbose ? LogLevel.Debug : LogLevel.Error,
      onReport: (r) => console.log(args.json ? JSON.stringify(r) : formatReport(r)),
      onLine: (line) => { if (args.console && !line.startsWith('{')) say(`console: ${line}`); },
    });
  } catch (e) {
    if (e instanceof BootError) { console.error(e.message); return 1; }
    throw e;
  }
  const at = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  say(`emulate: USB connected at ${at(world.usb.connectedAtMs)}, first console line at ${at(world.usb.firstLineAtMs)}, controller started at ${at(world.bootMs)} (emulated, from reset)`);
  for (const p of presses as Press[]) world.clock.set(() => world.press(p.signal, p.ms), p.at);
  world.advance(runMs);
  world.stop();
  const states = Object.entries(world.controller.machines).map(([id, m]) => `${id} ${m.state}${m.goal ? ` (goal ${m.goal})` : ''}`);
  say(`emulate: after ${formatTime(world.clock.now())}: ${states.join(', ')}`);
  say(`emulate: ${((world.chip.nowMs) / 1000).toFixed(1)} s emulated in ${(world.chip.wallMs / 1000).toFixed(1)} s: ${world.chip.speed.toFixed(2)}x real time`);
  for (const w of world.wiring.warnings) console.error(`emulate: warning: ${w}`);
  for (const v of world.invariants.violations) console.error(`emulate: invariant ${v.invariant} violated at ${formatTime(v.t)}: ${v.detail}`);
  return world.invariants.violations.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
