// `npm start`: the whole launch bay on simulated hardware, in real time, with a live terminal view and keys.
// Off a terminal (or with stdin closed) it prints a timeline instead, and still runs.
import { loadBoard, loadBoardArg } from '../boards/load';
import type { ControllerReport } from '../firmware/controller';
import { handleKey, keyHelp, keyHelpFor } from '../views/terminal/keys';
import { hostedAirlocks } from '../firmware/board/signals';
import { helpPagesFor, renderScreen } from '../views/terminal/screen';
import type { ScreenState } from '../views/terminal/screen-types';
import { formatReport } from '../views/terminal/timeline';
import { AuditFile } from '../views/audit/jsonl-log';
import { createSimCluster } from '../sim/cluster';
import { clusterBoards } from '../sim/scenario/format';
import { createSimWorld } from '../sim/world';
import { runWebBench, webUsage } from '../views/web/cli';
import { Args, UsageError, usageExit } from './lib/args';
import { BoardError } from '../firmware/board/validate';
import { dirname } from 'node:path';
import { makeDirs } from '../sim/make-dirs';

const usageFor = (keys: string) => `usage: npm start -- [--board NAME | --board FILE.json | --cluster] [--speed N] [--duration SECONDS] [--seed N] [--timeline] [--audit-log FILE]
       npm start -- --web [--port N] [--host ADDR --token SECRET]

Runs the launch bay in the simulator in real time (x N with --speed). On a terminal it shows a live view;
otherwise, or with --timeline, it prints one line per transition, refusal and fault. --cluster runs it as six
nodes (bridge, bay, one per airlock) on the in-process bus instead of one board hosting everything.
Every transition, veto, beep, refusal and fault is appended to the audit log (default logs/audit.jsonl, rotated at 1 MiB).
${webUsage}

Keys of the board's airlocks (\`npm start -- --board NAME --help\` for another board):
${keys}`;
const usage = usageFor(keyHelp);

/** The bounds of --speed and --duration: the fastest the keys go, and thirty simulated days. */
export const MAX_SPEED = 1000, MAX_DURATION_S = 30 * 24 * 3600;

function parseArgs(argv: string[]) {
  const o = { board: 'sim', speed: 1, duration: Infinity, seed: 1, timeline: false, help: false,
    web: false, host: '127.0.0.1', port: 8420, token: undefined as string | undefined, cluster: false, auditLog: 'logs/audit.jsonl' };
  const args = new Args(argv);
  for (let a = args.next(); a !== undefined; a = args.next()) {
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--board') o.board = args.value(a);
    else if (a === '--speed') o.speed = args.number(a, { min: 0.25, max: MAX_SPEED });
    else if (a === '--duration') o.duration = args.number(a, { min: 0.001, max: MAX_DURATION_S }) * 1000;
    else if (a === '--seed') o.seed = args.number(a, { min: 0, max: 2 ** 31 - 1, integer: true });
    else if (a === '--timeline') o.timeline = true;
    else if (a === '--web') o.web = true;
    else if (a === '--cluster') o.cluster = true;
    else if (a === '--audit-log') o.auditLog = args.value(a);
    else if (a === '--host') o.host = args.value(a);
    else if (a === '--port') o.port = args.number(a, { min: 0, max: 65535, integer: true });
    else if (a === '--token') o.token = args.value(a);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (o.cluster && argv.includes('--board')) throw new UsageError('--cluster runs on its own boards (one per node); leave --board out');
  return o;
}

/** How this run was started, for the audit log's marker. */
const commandLine = () => ['npm start', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

function main(): void {
  let o;
  try { o = parseArgs(process.argv.slice(2)); } catch (e) {
    if (e instanceof UsageError) usageExit('start', e.message, usage);
    throw e;
  }
  let boards;
  try { boards = o.cluster ? clusterBoards.map((b) => loadBoard(b)) : [loadBoardArg(o.board)]; } catch (e) {
    if (e instanceof BoardError) { console.error(`start: ${e.message}`); process.exit(2); }
    throw e;
  }
  // The keys of every airlock this board hosts: a ship with airlock F gets F's row.
  if (o.help) { console.log(usageFor(keyHelpFor(hostedAirlocks(boards)))); return; }
  // An audit log that cannot even be created is a bad option; one whose disk fills later is reported and dropped.
  try { makeDirs(dirname(o.auditLog)); } catch (e) { console.error(`start: --audit-log ${o.auditLog}: cannot create its folder (${(e as Error).message})`); process.exit(2); }
  if (o.web) { runWebBench({ ...o, boards, command: commandLine() }).catch((e: Error) => { console.error(`start: ${e.message}`); process.exit(2); }); return; }
  const live = !o.timeline && process.stdout.isTTY === true && process.stdin.isTTY === true;
  const recent: ControllerReport[] = [];
  const screen: ScreenState = { speed: o.speed, paused: false, message: '', recent };
  // The audit log: every report, as JSON lines in a rotated file; a failing disk is reported, never fatal.
  const audit = new AuditFile({ path: o.auditLog, onError: (e) => { const m = `audit log: ${e.message} (entries are being dropped)`; if (live) screen.message = m; else console.error(m); } });
  const onReport = (r: ControllerReport) => {
    audit.append(r);
    recent.push(r); if (recent.length > 50) recent.shift();
    if (!live) console.log(formatReport(r));
  };
  const board = o.cluster ? { name: 'six nodes on the in-process bus' } : boards[0];
  audit.startRun({ board: o.cluster ? `cluster: ${boards.map((b) => b.name).join(', ')}` : board.name, seed: o.seed, speed: o.speed, command: commandLine() });
  const world = o.cluster ? createSimCluster({ boards, seed: o.seed, onReport }) : createSimWorld({ board: boards[0], seed: o.seed, onReport });
  const pending = { jam: false };
  const size = () => ({ columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 });
  const helpPageCount = () => helpPagesFor(world, size());
  if (!live) console.log(`launch bay simulator: board ${board.name}, speed x${o.speed}; timeline follows`);

  let last = Date.now();
  const tick = setInterval(() => {
    const now = Date.now(), wall = now - last;
    last = now;
    if (!screen.paused) world.advance(Math.min(wall, 250) * screen.speed);
    for (const v of world.invariants.violations.splice(0)) {
      const line = `INVARIANT ${v.invariant} VIOLATED at ${(v.t / 1000).toFixed(3)} s: ${v.detail}`;
      if (live) screen.message = line; else console.log(line);
    }
    if (world.clock.now() >= o.duration) quit(0);
  }, 20);
  const draw = live ? setInterval(() => process.stdout.write(`\x1b[H\x1b[2J${renderScreen(world, screen, true, size())}\n`), 100) : undefined;

  function quit(code: number) {
    clearInterval(tick);
    if (draw) clearInterval(draw);
    world.stop();
    if (live) process.stdout.write('\x1b[?25h\n');
    process.exit(code);
  }

  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  // Every key that does something is an operator's input, and goes into the audit log with what it did.
  const operator = (key: string, answer: string) => audit.operator({ t: world.clock.now(), source: 'keyboard', input: `key ${JSON.stringify(key)}`, answer });
  process.stdin.on('data', (chunk: string) => {
    for (const key of chunk) {
      if (key === '\u0003') { operator('Ctrl-C', 'quit'); quit(0); }
      // The help is paged: `?` turns the page (past the last, it closes); any other key only closes it.
      else if (screen.help !== undefined) screen.help = key === '?' && screen.help + 1 < helpPageCount() ? screen.help + 1 : undefined;
      else if (key === ' ') { screen.paused = !screen.paused; operator(key, screen.paused ? 'paused' : 'running'); }
      else if (key === '+') { screen.speed = Math.min(screen.speed * 2, 1000); operator(key, `speed x${screen.speed}`); }
      else if (key === '-') { screen.speed = Math.max(screen.speed / 2, 0.25); operator(key, `speed x${screen.speed}`); }
      else if (key === '?') { if (live) screen.help = 0; else console.log(keyHelpFor(world.model.letters)); }
      else {
        const message = handleKey(world, key, pending);
        if (message) { operator(key, message); screen.message = message; if (!live) console.log(`  key ${JSON.stringify(key)}: ${message}`); }
      }
    }
  });
  // A closed stdin is not the end: the bay keeps running until Ctrl-C or --duration.
  process.stdin.on('end', () => {});
  process.on('SIGINT', () => quit(0));
  process.on('SIGTERM', () => quit(0));
  if (live) process.stdout.write('\x1b[?25l');
}

main();
