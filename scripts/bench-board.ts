// `npm run bench:board`: the controller on a bench board running StandardFirmata, in real time, with the live view of
// `npm start` (a timeline off a terminal). A board that hosts part of the bay runs beside the simulator's nodes for
// the rest. `--emulate` runs the genuine StandardFirmata on an emulated Uno or Mega; `--hybrid` lets the physics stand in for
// the limit switches and sensors.
import { BoardError } from '../firmware/board';
import type { Board } from '../firmware/board/types';
import type { Controller, ControllerReport } from '../firmware/controller';
import { benchPinMap, BenchPortError, type BenchDevice } from '../hal/providers/bench';
import { DEFAULT_HANDSHAKE_MS } from '../hal/providers/bench/connect';
import { WallClock } from '../hal/providers/bench/wall-clock';
import { startEmulatedBoard, type EmulatedBoard } from '../emulators/avr/emulated-board';
import { startLoneBoardBay, type LoneBoardBay } from '../sim/lone-board';
import { LaunchBayModel } from '../sim/physics';
import { helpPagesFor, renderScreen } from '../views/terminal/screen';
import type { ScreenModel, ScreenState, ScreenWorld } from '../views/terminal/screen-types';
import { formatReport } from '../views/terminal/timeline';
import { airlockLetters } from '../firmware/board/signals';
import { loadBoard } from './lib/board-file';
import { benchKeyHelp, benchKeysHint, benchReadings, handleBenchKey } from './lib/bench-view';
import { startBenchSession, type BenchSession } from './lib/bench-session';
import { describePorts } from './lib/serial-ports';

const usage = `usage: npm run bench:board -- --board <name> --port <path> [--hybrid] [--timeline] [--duration SECONDS] [--timeout SECONDS]
       npm run bench:board -- --board arduino-uno|arduino-mega --emulate [--timeline] [--duration SECONDS]
       npm run bench:board -- --list

Runs the controller for boards/<name>.json against a board running StandardFirmata on <path>, in real time. A board
that hosts only part of the bay (the Uno: airlock A) runs beside the simulator's nodes for the rest of it.
On a terminal it shows the live view of npm start; otherwise, or with --timeline, one line per transition.
  --emulate    no board needed: the genuine StandardFirmata on an emulated Uno or Mega (avr8js) behind a pseudo-terminal,
               its pins wired to the simulated bay; fetched once with npm pack (needs socat)
  --hybrid     the simulator's physics supplies the limit switches and sensors; buttons and outputs stay real
  --timeout    how long the board has to answer Firmata after the port opens (default ${DEFAULT_HANDSHAKE_MS / 1000} s)
  --list       lists the serial ports

${benchKeyHelp}`;

interface Options { board: string; port: string; emulate: boolean; hybrid: boolean; timeline: boolean; durationMs: number; timeoutMs: number; list: boolean; help: boolean }

function parseArgs(argv: string[]): Options {
  const o: Options = { board: '', port: '', emulate: false, hybrid: false, timeline: false, durationMs: Infinity, timeoutMs: DEFAULT_HANDSHAKE_MS, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = () => argv[++i] ?? '';
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--board') o.board = next();
    else if (a === '--port') o.port = next();
    else if (a === '--emulate') o.emulate = true;
    else if (a === '--hybrid') o.hybrid = true;
    else if (a === '--timeline') o.timeline = true;
    else if (a === '--list') o.list = true;
    else if (a === '--duration') o.durationMs = Number(next()) * 1000;
    else if (a === '--timeout') o.timeoutMs = Number(next()) * 1000;
    else throw new Error(`unknown option ${a}`);
  }
  if (!(o.durationMs > 0) || !(o.timeoutMs > 0)) throw new Error('--duration and --timeout take a positive number of seconds');
  if (o.emulate && (o.port || o.hybrid)) throw new Error('--emulate makes its own port and rig: leave out --port and --hybrid');
  if (!o.help && !o.list && (!o.board || (!o.port && !o.emulate))) throw new Error('--board and --port (or --emulate) are needed (--list shows the ports)');
  return o;
}

function fail(message: string): never {
  console.error(`bench:board: ${message}`);
  process.exit(2);
}

function boardOf(o: Options): Board {
  try {
    const board = loadBoard(o.board);
    benchPinMap(board);
    return board;
  } catch (e) {
    fail(e instanceof BoardError ? e.message : (e as Error).message.replace(/^bench: /, ''));
  }
}

/** The parts as the view shows them: the bench board's from its pins (or, emulated, the physics), the rest from the bay's physics. */
function screenModel(board: Board, session: BenchSession, model: LaunchBayModel | undefined, emulated: boolean): ScreenModel {
  const device = { pins: benchPinMap(board), level: (pin: number) => session.device?.level(pin) ?? 0 } as BenchDevice;
  const real = benchReadings(board, device);
  if (!model || emulated) return model ?? real;
  const hosts = (id: string) => board.hosts.includes(id as never);
  return {
    bay: hosts('bay environment') ? real.bay : model.bay,
    bayDoor: hosts('bay door') ? real.bayDoor : model.bayDoor,
    airlocks: Object.fromEntries(airlockLetters.map((l) => [l, hosts(`airlock ${l}`) ? real.airlocks[l] : model.airlocks[l]])) as ScreenModel['airlocks'],
    outputs: real.outputs,
  };
}

async function main(): Promise<void> {
  let o: Options;
  try { o = parseArgs(process.argv.slice(2)); } catch (e) { console.error(`bench:board: ${(e as Error).message}\n\n${usage}`); process.exit(2); }
  if (o.help) { console.log(usage); return; }
  if (o.list) { console.log(await describePorts()); return; }
  const board = boardOf(o);
  const live = !o.timeline && process.stdout.isTTY === true && process.stdin.isTTY === true;
  const recent: ControllerReport[] = [];
  // The bench's own keys in the help and the keys line: it has no pause or speed, and its buttons are real.
  const screen: ScreenState = { speed: 1, paused: false, message: '? keys, Ctrl-C quits', recent, title: 'Launch bay bench', helpText: benchKeyHelp, keysHint: benchKeysHint };
  const log = (line: string) => { if (live) screen.message = line; else console.log(line); };
  const onReport = (r: ControllerReport) => { recent.push(r); if (recent.length > 50) recent.shift(); if (!live) console.log(formatReport(r)); };
  const clock = new WallClock();
  let emulated: EmulatedBoard | undefined;
  const whole = ['battle deck', 'bay door', 'bay environment', ...airlockLetters.map((l) => `airlock ${l}`)].every((id) => board.hosts.includes(id as never));
  const bay = whole ? undefined : startLoneBoardBay({ bench: board, clock, onReport, onStep: () => emulated?.sync() });
  const model = bay?.model ?? (o.hybrid || o.emulate ? new LaunchBayModel() : undefined);
  // A whole-bay board with nothing around it steps its own physics when it is emulated (hybrid mode steps its own).
  const ownPhysics = !bay && o.emulate ? clock.set(() => { model!.step(50); emulated?.sync(); }, 50, 50) : undefined;
  if (o.emulate) {
    try { emulated = await startEmulatedBoard({ board, model: model!, log }); } catch (e) { fail((e as Error).message); }
    o.port = emulated.port;
    if (!live) console.log(`emulated ${emulated.chip.chip.board}: genuine StandardFirmata on ${emulated.port}`);
  }
  let session: BenchSession;
  try {
    session = await startBenchSession({ board, port: o.port, clock, bay, hybrid: o.hybrid ? model : undefined, timeoutMs: o.timeoutMs, onReport, log });
  } catch (e) {
    await emulated?.close();
    if (e instanceof BenchPortError) fail(`port ${e.port}: ${e.problem}`);
    fail(`port ${o.port}: ${(e as Error).message.replace(/^bench: /, '')}`);
  }
  const firmware = session.connection!.io.firmware;
  if (!live) {
    const around = bay ? `, beside the simulated ${bay.simulated.map((b) => b.node ?? b.name).join(', ')}` : '';
    console.log(`launch bay bench: board ${board.name} on ${o.port} (${firmware.name ?? 'Firmata'} ${firmware.version?.major ?? '?'}.${firmware.version?.minor ?? '?'})${o.hybrid ? ', hybrid' : ''}${around}; timeline follows`);
  }
  const controller = () => bay?.controller ?? session.controller;
  const world = {
    clock, model: screenModel(board, session, model, o.emulate),
    get controller() { return controller() ?? bay?.controller ?? ({ board, machines: {}, send: () => {} } as unknown as Controller); },
  } as ScreenWorld;
    // Buttons no hand can press on the rig: every one of an emulated board, and those of the simulated airlocks.
  const simulated = (button: string) => o.emulate || !board.hosts.includes(button.slice(0, 'airlock A'.length) as never);
  run(o, live, { session, world, screen, model, simulated, log, async stop() {
    await session.stop(); bay?.stop(); if (ownPhysics) clock.clear(ownPhysics); clock.stop(); await emulated?.close();
  } });
}

interface Running {
  session: BenchSession; world: ScreenWorld; screen: ScreenState; model: LaunchBayModel | undefined; simulated(button: string): boolean;
  log(line: string): void; stop(): Promise<void>;
}

function run(o: Options, live: boolean, r: Running): void {
  // Drawn for the terminal's size: at 80×24 the compact view, whose help is paged to fit.
  const size = () => ({ columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 });
  const draw = live ? setInterval(() => process.stdout.write(`\x1b[H\x1b[2J${renderScreen(r.world, r.screen, true, size())}\n`), 100) : undefined;
  const end = o.durationMs < Infinity ? setTimeout(() => void quit(0), o.durationMs) : undefined;
  let quitting = false;
  async function quit(code: number) {
    if (quitting) return;
    quitting = true;
    if (draw) clearInterval(draw);
    if (end) clearTimeout(end);
    // Outputs off before letting go of the board, as a power loss would leave them.
    await r.stop();
    if (live) process.stdout.write('\x1b[?25h\n');
    process.exit(code);
  }
  const pending = { jam: false };
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (const key of chunk) {
      if (key === '\u0003') void quit(0);
      // The help is paged: `?` turns the page (past the last, it closes); any other key (Esc) only closes it.
      else if (r.screen.help !== undefined) r.screen.help = key === '?' && r.screen.help + 1 < helpPagesFor(r.world, size(), r.screen) ? r.screen.help + 1 : undefined;
      else if (key === '?') { if (live) r.screen.help = 0; else console.log(benchKeyHelp); }
      else {
        const message = handleBenchKey(r.world.controller, r.model, key, pending, r.simulated);
        if (message) { r.screen.message = message; if (!live) console.log(`  key ${JSON.stringify(key)}: ${message}`); }
      }
    }
  });
  // A closed stdin is not the end: the bench keeps running until Ctrl-C or --duration.
  process.stdin.on('end', () => {});
  process.on('SIGINT', () => void quit(0));
  process.on('SIGTERM', () => void quit(0));
  if (live) process.stdout.write('\x1b[?25l');
}

main().catch((e) => { console.error(`bench:board: ${(e as Error).stack ?? String(e)}`); process.exit(1); });
