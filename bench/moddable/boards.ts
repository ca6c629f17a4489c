// `npm run bench -- --moddable`, per board: every shipped board whose firmware runs on Moddable's XS (pico,
// esp32-devkitc and the node boards; not the Arduino boards, which run Firmata) is built for lin with Moddable's
// instrumentation, its own generated modules and its own provisioning, and runs alone in mcsim. Its peak XS heap
// and stack are set against the `creation` its own platform's build gets from manifest.json (read from the makefile
// mcconfig generates, so what is compared is what the SDK would link), and its bytecode is measured as compiled for
// that platform. Needs $MODDABLE; the Pico's platform build also needs $PICO_SDK_DIR.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBoards, loadBoard, repoRoot } from '../../boards/load';
import type { Board } from '../../firmware/board';
import { BOARD_VAR, platformOf, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { generatedMakefile, runMcconfig } from '../../scripts/lib/mcconfig';
import { instrumentColumn, runOnMcsim } from './mcsim';

/** The `creation` a build links (mcconfig's `CREATION = -c …` line): slots for heap and stack, bytes for the rest. */
interface Creation { chunk: number; heap: number; stack: number; static: number }

export interface BoardFootprint {
  board: string;
  platform: string;
  hosts: string[];
  /** A node board ran beside a broker (mosquitto) it could join, or alone with none. */
  broker?: 'mosquitto' | 'none';
  /** The creation of the board's own platform build; undefined when that build could not be configured here. */
  creation?: Creation;
  creationNote?: string;
  seconds: number;
  /** Peaks over mcsim's per-second samples (garbage included): slot and stack counts, chunk bytes (64-bit). */
  peak: { slots: number; chunkBytes: number; stackSlots: number; modules: number };
  /** The board's own modules (board, firmware/, hal/, sim/) as compiled for its platform. */
  bytecode: { modules: number; bytes: number; note?: string };
}

/** mcsim runs 64-bit: a slot is 32 bytes there, 16 on the ESP32 and the RP2040. */
const HOST_SLOT = 32, CHIP_SLOT = 16;
/** The target: every peak at most this share of the board's `creation`. */
const FOOTPRINT_LIMIT = 0.5;

/** Boards whose firmware runs on Moddable's XS: a Moddable platform, or the desktop simulator's mcu. */
export function moddableBoards(): string[] {
  return listBoards().filter((name) => { const b = loadBoard(name); return b.platform !== undefined || b.mcu === 'sim'; });
}

/** The `creation` in a generated makefile, or undefined. */
function creationOf(makefile: string): Creation | undefined {
  const line = readFileSync(makefile, 'utf8').split('\n').find((l) => l.startsWith('CREATION = -c '));
  if (!line) return undefined;
  const v = line.slice('CREATION = -c '.length).split(',').map((s) => Number(s.trim()));
  return { chunk: v[0]!, heap: v[2]!, stack: v[4]!, static: v[11]! };
}

/**
 * The board's peaks as shares of its creation. With a `static` pool (the Pico), slots and chunks share it: the
 * chip holds slots × 16 bytes plus the chunks (counted 64-bit, an upper bound), against `static`. Otherwise the
 * slots are set against `heap`, the chunks against `chunk`. The stack is always in slots.
 */
export function shares(f: BoardFootprint): { name: string; used: number; of: number; unit: string }[] | undefined {
  const c = f.creation;
  if (!c) return undefined;
  const stack = { name: 'stack', used: f.peak.stackSlots, of: c.stack, unit: 'slots' };
  if (c.static > 0) return [{ name: 'static pool', used: f.peak.slots * CHIP_SLOT + f.peak.chunkBytes, of: c.static, unit: 'bytes' }, stack];
  return [{ name: 'slots', used: f.peak.slots, of: c.heap, unit: 'slots' }, { name: 'chunks', used: f.peak.chunkBytes, of: c.chunk, unit: 'bytes' }, stack];
}

/** Every share within the limit (and the creation known). */
export const withinLimit = (f: BoardFootprint) => shares(f)?.every((s) => s.used <= s.of * FOOTPRINT_LIMIT) ?? false;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** The node boards' provisioning, generated for this run only (npm run keys into a scratch folder). */
function provisionNodes(nodeBoards: string[], keys: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (!nodeBoards.length) return found;
  // The whole deployment (every board that names a node), so a run of one node board is provisioned as in a cluster.
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', '--out', keys], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run keys failed: ${r.stderr}`);
  for (const name of nodeBoards) {
    const b = loadBoard(name);
    found.set(name, JSON.parse(readFileSync(join(keys, `${b.node}.json`), 'utf8')));
  }
  return found;
}

/** The `.xsb` sizes of the board's modules, as ourBytecode measures them. */
export type BytecodeOf = (out: string) => { modules: number; bytes: number };

/** Configures (modules only) the board's own platform, when it is not lin: its creation and bytecode. */
async function platformBuild(board: Board, platform: string, bytecodeOf: BytecodeOf, progress: (line: string) => void, keepCompiled = false): Promise<{ creation?: Creation; note?: string; bytecode?: { modules: number; bytes: number } }> {
  if (platform.startsWith('pico') && !process.env.PICO_SDK_DIR) return { note: 'not configured: the Pico SDK ($PICO_SDK_DIR) is needed even for the modules' };
  const out = join(repoRoot, 'build', 'bench-moddable', board.name);
  writeBoardModules(out, board);
  progress(`${board.name}: compiling its modules for ${platform}`);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform, out, manifest: './manifest.json', cwd: repoRoot, modulesOnly: true, keepCompiled, env: { [BOARD_VAR]: out }, echo: () => {} });
  // A TypeScript error fails the bench; a platform SDK that is not set up only leaves the board's creation unknown.
  if (r.problem && /TypeScript/.test(r.problem)) throw new Error(`${board.name} (${platform}): ${r.problem}`);
  if (r.problem) return { note: `not configured for ${platform}: ${r.problem.split('\n')[0]!.slice(0, 160)}` };
  const makefile = generatedMakefile(out);
  return { creation: makefile ? creationOf(makefile) : undefined, bytecode: bytecodeOf(out) };
}

/**
 * Measures each board in turn. The lin builds share one output folder, so the SDK's C is compiled once; every build
 * compiles all of its modules again (mcconfig.ts forgets the compiled ones first).
 */
export async function measureBoards(o: { boards: string[]; seconds: number; bytecodeOf: BytecodeOf; progress: (line: string) => void; keepCompiled?: boolean; onBoard?: (f: BoardFootprint) => void }): Promise<BoardFootprint[]> {
  const { progress } = o;
  const scratch = mkdtempSync(join(tmpdir(), 'launchbay-footprint-'));
  const nodeBoards = o.boards.filter((b) => loadBoard(b).transport !== undefined);
  let broker: ChildProcess | undefined;
  try {
    const provision = provisionNodes(nodeBoards, join(scratch, 'keys'));
    let port: number | undefined;
    if (nodeBoards.length && has('mosquitto')) {
      port = await freePort();
      broker = spawn('mosquitto', ['-p', String(port)], { stdio: 'ignore' });
      progress(`mosquitto on 127.0.0.1:${port} (pid ${broker.pid}) for the node boards`);
    }
    const results: BoardFootprint[] = [];
    // Lone boards and node boards build different module sets, and so different tsconfigs: a folder each, or every
    // switch between them would compile every module again.
    const forgotten = new Set<string>();
    for (const name of o.boards) {
      const loaded = loadBoard(name), platform = platformOf(loaded);
      const out = join(repoRoot, 'build', 'bench-moddable', loaded.transport ? 'device-node' : 'device');
      const first = !o.keepCompiled && !forgotten.has(out);
      forgotten.add(out);
      const board: Board = loaded.transport?.kind === 'mqtt' && port !== undefined ? { ...loaded, transport: { ...loaded.transport, port } } : loaded;
      writeBoardModules(out, board, provision.get(name));
      progress(`${name}: building its firmware (instrumented) for lin`);
      const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: './manifest.json', cwd: repoRoot, instrument: true, keepCompiled: !first, env: { [BOARD_VAR]: out }, echo: () => {} });
      if (r.problem) throw new Error(`${name} did not build for lin: ${r.problem}`);
      const lin = o.bytecodeOf(out);
      const makefile = generatedMakefile(out);
      const linCreation = makefile ? creationOf(makefile) : undefined;
      const mcso = join(out, 'bin', 'lin', 'release', 'launch-bay', 'mc.so');
      const found = existsSync(mcso) ? mcso : spawnSync('find', [join(out, 'bin'), '-name', 'mc.so'], { encoding: 'utf8' }).stdout.split('\n')[0]!;
      progress(`${name}: running it alone in mcsim for ${o.seconds} s`);
      const run = await runOnMcsim(found, 0, o.seconds + 60, o.seconds);
      const column = (c: string) => instrumentColumn(run.console, c);
      const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
      const peak = { slots: max(column('Slot used')) / HOST_SLOT, chunkBytes: max(column('Chunk used')), stackSlots: max(column('Stack used')) / HOST_SLOT, modules: max(column('Modules loaded')) };
      let creation = linCreation, creationNote: string | undefined, bytecode: BoardFootprint['bytecode'] = lin;
      if (platform !== 'lin' && platform !== 'mac') {
        const p = await platformBuild(loaded, platform, o.bytecodeOf, progress, o.keepCompiled);
        creation = p.creation;
        creationNote = p.note;
        bytecode = p.bytecode ?? { modules: 0, bytes: 0, note: p.note };
      }
      const f: BoardFootprint = {
        board: name, platform, hosts: loaded.hosts, ...(loaded.transport ? { broker: port !== undefined ? 'mosquitto' as const : 'none' as const } : {}),
        creation, ...(creationNote ? { creationNote } : {}), seconds: o.seconds, peak, bytecode,
      };
      results.push(f);
      o.onBoard?.(f);
      progress(`${name}: ${boardTable([f]).at(-1)}`);
    }
    return results;
  } finally {
    if (broker?.pid !== undefined && broker.exitCode === null) broker.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const pct = (used: number, of: number) => `${((100 * used) / of).toFixed(1)} %`;
const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** The per-board table (Markdown), as `bench --moddable` prints it and docs/BENCHMARKS.md quotes it. */
export function boardTable(rows: BoardFootprint[]): string[] {
  const lines = [`Each board's firmware alone, built for lin with its own modules and run in mcsim for ${rows[0]?.seconds ?? '?'} s (peaks of the per-second samples, garbage included), against the \`creation\` of its own platform's build; target: every peak ≤ ${FOOTPRINT_LIMIT * 100} % of it.`, ''];
  lines.push('| board | platform | peak slots | peak chunks (64-bit) | peak stack | creation | share of creation | within 50 % | bytecode (modules) |', '|---|---|---|---|---|---|---|---|---|');
  for (const f of rows) {
    const c = f.creation;
    const creation = !c ? (f.creationNote ?? 'unknown') : c.static > 0 ? `static ${kb(c.static)}, stack ${c.stack}` : `heap ${n(c.heap)} slots, chunk ${kb(c.chunk)}, stack ${c.stack}`;
    const s = shares(f);
    const share = s ? s.map((x) => `${x.name} ${pct(x.used, x.of)}`).join(', ') : '—';
    const within = s ? (withinLimit(f) ? 'yes' : '**no**') : '—';
    const code = f.bytecode.note ? f.bytecode.note : `${kb(f.bytecode.bytes)} (${f.bytecode.modules})`;
    lines.push(`| \`${f.board}\`${f.broker === 'none' ? ' (no broker)' : ''} | ${f.platform} | ${n(f.peak.slots)} | ${kb(f.peak.chunkBytes)} | ${n(f.peak.stackSlots)} slots | ${creation} | ${share} | ${within} | ${code} |`);
  }
  return lines;
}
