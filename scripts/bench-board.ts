// `npm run bench:board`: the controller on a bench board running StandardFirmata, in real time, with the live view of
// `npm start` (a timeline off a terminal). `--hybrid` lets the physics stand in for the limit switches and sensors.
import { readdirSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { BoardError } from '../firmware/board';
import type { Board } from '../firmware/board/types';
import { startController, type Controller, type ControllerReport } from '../firmware/controller';
import { benchPinMap, BenchPortError, connectBench, openBenchDevice, type BenchConnection, type BenchDevice } from '../hal/providers/bench';
import { createHybridDevice } from '../hal/providers/bench/hybrid';
import { WallClock } from '../hal/providers/bench/wall-clock';
import { LaunchBayModel } from '../sim/physics';
import { renderScreen, type ScreenState, type ScreenWorld } from '../sim/view/screen';
import { formatReport } from '../sim/view/timeline';
import { loadBoard } from './lib/board-file';
import { benchKeyHelp, benchReadings, handleBenchKey } from './lib/bench-view';

const usage = `usage: npm run bench:board -- --board <name> --port <path> [--hybrid] [--timeline] [--duration SECONDS] [--timeout SECONDS]
       npm run bench:board -- --list

Runs the controller for boards/<name>.json against a board running StandardFirmata on <path>, in real time.
On a terminal it shows the live view of npm start; otherwise, or with --timeline, one line per transition.
  --hybrid     the simulator's physics supplies the limit switches and sensors; buttons and outputs stay real
  --timeout    how long the board has to answer Firmata (default 3 s)
  --list       lists the serial ports

${benchKeyHelp}`;

interface Options { board: string; port: string; hybrid: boolean; timeline: boolean; durationMs: number; timeoutMs: number; list: boolean; help: boolean }

function parseArgs(argv: string[]): Options {
  const o: Options = { board: '', port: '', hybrid: false, timeline: false, durationMs: Infinity, timeoutMs: 3000, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], next = () => argv[++i] ?? '';
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--board') o.board = next();
    else if (a === '--port') o.port = next();
    else if (a === '--hybrid') o.hybrid = true;
    else if (a === '--timeline') o.timeline = true;
    else if (a === '--list') o.list = true;
    else if (a === '--duration') o.durationMs = Number(next()) * 1000;
    else if (a === '--timeout') o.timeoutMs = Number(next()) * 1000;
    else throw new Error(`unknown option ${a}`);
  }
  if (!(o.durationMs > 0) || !(o.timeoutMs > 0)) throw new Error('--duration and --timeout take a positive number of seconds');
  if (!o.help && !o.list && (!o.board || !o.port)) throw new Error('--board and --port are both needed (--list shows the ports)');
  return o;
}

/** serialport's list; where it cannot list (no udev, as in a container), the device nodes that look like serial ports. */
async function listPorts(): Promise<void> {
  try {
    const ports = await SerialPort.list();
    if (ports.length === 0) console.log('no serial ports found');
    for (const p of ports) console.log([p.path, p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join('  '));
  } catch (e) {
    const nodes = readdirSync('/dev').filter((f) => /^(ttyACM|ttyUSB|cu\.usb|tty\.usb)/.test(f)).map((f) => `/dev/${f}`);
    console.log(`serialport could not list the ports (${(e as Error).message}); device nodes that look like serial ports:`);
    console.log(nodes.length ? nodes.join('\n') : '  none');
  }
}

function fail(message: string): never {
  console.error(`bench:board: ${message}`);
  process.exit(2);
}

/** The connection, the device and the board, or an exit with code 2 and a message naming what is wrong. */
async function connect(o: Options, log: (line: string) => void): Promise<{ board: Board; connection: BenchConnection; device: BenchDevice }> {
  let board: Board;
  try {
    board = loadBoard(o.board);
    benchPinMap(board);
  } catch (e) {
    fail(e instanceof BoardError ? e.message : (e as Error).message.replace(/^bench: /, ''));
  }
  let connection: BenchConnection;
  try {
    connection = await connectBench(o.port, { timeoutMs: o.timeoutMs, log });
  } catch (e) {
    if (e instanceof BenchPortError) fail(`port ${e.port}: ${e.problem}`);
    throw e;
  }
  try {
    return { board, connection, device: await openBenchDevice({ board, io: connection.io }) };
  } catch (e) {
    await connection.close();
    fail(`port ${o.port}: ${(e as Error).message.replace(/^bench: /, '')}`);
  }
}

async function main(): Promise<void> {
  let o: Options;
  try { o = parseArgs(process.argv.slice(2)); } catch (e) { console.error(`bench:board: ${(e as Error).message}\n\n${usage}`); process.exit(2); }
  if (o.help) { console.log(usage); return; }
  if (o.list) { await listPorts(); return; }
  const live = !o.timeline && process.stdout.isTTY === true && process.stdin.isTTY === true;
  const recent: ControllerReport[] = [];
  const screen: ScreenState = { speed: 1, paused: false, message: '', recent, title: 'Launch bay bench' };
  const log = (line: string) => { if (live) screen.message = line; else console.log(line); };
  const { board, connection, device } = await connect(o, log);
  const clock = new WallClock();
  const model = o.hybrid ? new LaunchBayModel() : undefined;
  const hybrid = model && createHybridDevice({ board, real: device, model, clock });
  const firmware = connection.io.firmware;
  if (!live) console.log(`launch bay bench: board ${board.name} on ${o.port} (${firmware.name ?? 'Firmata'} ${firmware.version?.major ?? '?'}.${firmware.version?.minor ?? '?'})${o.hybrid ? ', hybrid' : ''}; timeline follows`);
  const controller = startController({
    board, device: hybrid ?? device, clock,
    onReport: (r) => { recent.push(r); if (recent.length > 50) recent.shift(); if (!live) console.log(formatReport(r)); },
  });
  const world: ScreenWorld = { clock, controller, model: model ?? benchReadings(board, device) };
  run(o, live, { controller, connection, clock, stopPhysics: () => hybrid?.stop(), world, screen, model, log });
}

interface Running {
  controller: Controller; connection: BenchConnection; clock: WallClock; stopPhysics(): void;
  world: ScreenWorld; screen: ScreenState; model: LaunchBayModel | undefined; log(line: string): void;
}

function run(o: Options, live: boolean, r: Running): void {
  const draw = live ? setInterval(() => process.stdout.write(`\x1b[H\x1b[2J${renderScreen(r.world, r.screen, true)}\n`), 100) : undefined;
  const end = o.durationMs < Infinity ? setTimeout(() => void quit(0), o.durationMs) : undefined;
  let quitting = false;
  async function quit(code: number) {
    if (quitting) return;
    quitting = true;
    if (draw) clearInterval(draw);
    if (end) clearTimeout(end);
    // Outputs off before letting go of the board, as a power loss would leave them.
    r.controller.stop();
    r.stopPhysics();
    r.clock.stop();
    await r.connection.close();
    if (live) process.stdout.write('\x1b[?25h\n');
    process.exit(code);
  }
  r.connection.guard.on('close', () => {
    if (quitting) return;
    r.log(`port ${o.port} closed: was the board unplugged?`);
    void quit(1);
  });
  const pending = { jam: false };
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (const key of chunk) {
      if (key === '\u0003') void quit(0);
      else if (key === '?') r.screen.message = benchKeyHelp.replace(/\n/g, '  ');
      else {
        const message = handleBenchKey(r.controller, r.model, key, pending);
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
