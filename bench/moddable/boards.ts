// `npm run bench -- --moddable`, per board: every shipped board whose firmware runs on Moddable's XS (pico,
// esp32-devkitc and the node boards; not the Arduino boards, which run Firmata) is built for lin with Moddable's
// instrumentation, its own generated modules and its own provisioning, and runs alone in mcsim. Its peak XS heap
// and stack are set against the `creation` its own platform's build gets from manifest.json (read from the makefile
// mcconfig generates, so what is compared is what the SDK would link), and its bytecode is measured as compiled for
// that platform. Needs $MODDABLE; the Pico's platform build also needs $PICO_SDK_DIR.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
  /**
   * Peaks over mcsim's per-second samples: slot and stack counts, chunk bytes (64-bit). XS counts a slot or a chunk
   * as used from its allocation to the next collection, so these include garbage not yet collected: what was
   * allocated between collections, an upper bound on what was live, not what the board needs.
   */
  peak: { slots: number; chunkBytes: number; stackSlots: number; modules: number };
  /**
   * The proof of what the board needs: its firmware rebuilt with half of its creation as fixed heaps (incremental 0:
   * XS aborts instead of growing) and half of its stack, run for as long as `peak`'s run. `fits` when it ran to the
   * end with no XS abort; `collections` is how many times XS collected to stay within it.
   */
  half?: { heapSlots: number; chunkBytes: number; stackSlots: number; fits: boolean; collections: number; peakStackSlots: number; abort?: string };
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
 * The board's per-second peaks as shares of its creation (information: the slot and chunk peaks include garbage).
 * With a `static` pool (the Pico), slots and chunks share it: the chip holds slots × 16 bytes plus the chunks
 * (counted 64-bit, an upper bound), against `static`. Otherwise the slots are set against `heap`, the chunks against
 * `chunk`. The stack is always in slots, and holds no garbage.
 */
export function shares(f: BoardFootprint): { name: string; used: number; of: number; unit: string }[] | undefined {
  const c = f.creation;
  if (!c) return undefined;
  const stack = { name: 'stack', used: f.peak.stackSlots, of: c.stack, unit: 'slots' };
  if (c.static > 0) return [{ name: 'static pool', used: f.peak.slots * CHIP_SLOT + f.peak.chunkBytes, of: c.static, unit: 'bytes' }, stack];
  return [{ name: 'slots', used: f.peak.slots, of: c.heap, unit: 'slots' }, { name: 'chunks', used: f.peak.chunkBytes, of: c.chunk, unit: 'bytes' }, stack];
}

/**
 * The target, met: the board's firmware ran its whole run in half of its creation, fixed (no XS abort: every
 * allocation found room after a collection, and the stack never passed half), and its stack peak in the full run
 * was within half too.
 */
export const withinLimit = (f: BoardFootprint) => f.creation !== undefined && f.half?.fits === true && f.peak.stackSlots <= f.creation.stack * FOOTPRINT_LIMIT;

/**
 * The fixed heaps that stand for half of a board's creation on lin. A `static` pool (the Pico) holds slots (16
 * bytes each on the chip) and chunks together, and XS grows either from it as needed: half the pool is split here
 * into PICO_SLOT_SHARE for slots and the rest for chunks, which lin counts at 64 bits (more than the chip needs).
 */
const PICO_SLOT_SHARE = 0.625;
function halfCreation(c: Creation): { heapSlots: number; chunkBytes: number; stackSlots: number } {
  const stackSlots = Math.floor(c.stack * FOOTPRINT_LIMIT);
  if (c.static > 0) {
    const pool = c.static * FOOTPRINT_LIMIT, heapSlots = Math.floor((pool * PICO_SLOT_SHARE) / CHIP_SLOT);
    return { heapSlots, chunkBytes: pool - heapSlots * CHIP_SLOT, stackSlots };
  }
  return { heapSlots: Math.floor(c.heap * FOOTPRINT_LIMIT), chunkBytes: Math.floor(c.chunk * FOOTPRINT_LIMIT), stackSlots };
}

/**
 * A manifest that includes the repository's and gives the build fixed heaps and stack (an including manifest is
 * merged after what it includes, so its `creation` wins over the repository's lin one).
 */
function writeFixedManifest(out: string, h: { heapSlots: number; chunkBytes: number; stackSlots: number }): string {
  const path = join(out, 'manifest_fixed.json');
  writeFileSync(path, `${JSON.stringify({
    include: [join(repoRoot, 'manifest.json')],
    creation: { chunk: { initial: h.chunkBytes, incremental: 0 }, heap: { initial: h.heapSlots, incremental: 0 }, stack: h.stackSlots },
  }, null, '\t')}\n`);
  return relative(repoRoot, path);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

export const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** The node boards' provisioning, generated for this run only (npm run keys into a scratch folder). */
export function provisionNodes(nodeBoards: string[], keys: string): Map<string, unknown> {
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
      // Each run's console stays beside its build (build/ is not committed), to read where a peak came from.
      writeFileSync(join(repoRoot, 'build', 'bench-moddable', `${name}.console.txt`), `${run.console.join('\n')}\n`);
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
      let half: BoardFootprint['half'];
      if (creation) {
        const h = halfCreation(creation);
        // In the same folder, on the modules just compiled: only the creation (linked into the image) differs.
        const outHalf = out;
        const manifest = writeFixedManifest(outHalf, h);
        progress(`${name}: building it for lin with half of its creation, fixed (${h.heapSlots} slots, ${h.chunkBytes} chunk bytes, stack ${h.stackSlots})`);
        const rh = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out: outHalf, manifest, cwd: repoRoot, instrument: true, keepCompiled: true, env: { [BOARD_VAR]: outHalf }, echo: () => {} });
        if (rh.problem) throw new Error(`${name} did not build for lin with half its creation: ${rh.problem}`);
        const so = join(outHalf, 'bin', 'lin', 'release', 'launch-bay', 'mc.so');
        progress(`${name}: running it with half of its creation for ${o.seconds} s`);
        let lines: string[], ended: string | undefined;
        try { lines = (await runOnMcsim(existsSync(so) ? so : spawnSync('find', [join(outHalf, 'bin'), '-name', 'mc.so'], { encoding: 'utf8' }).stdout.split('\n')[0]!, 0, o.seconds + 60, o.seconds)).console; }
        catch (e) {
          lines = String(e).split('\n');
          const exit = /exit (\d+)/.exec(lines[0] ?? '')?.[1];
          ended = `mcsim ended early (exit ${exit ?? '?'}${exit === '139' ? ', a crash' : ''}) with no XS abort printed`;
        }
        writeFileSync(join(repoRoot, 'build', 'bench-moddable', `${name}-half.console.txt`), `${lines.join('\n')}\n`);
        const abort = lines.find((l) => /XS abort|allocation: failed|failed in fixed size heap/.test(l)) ?? ended;
        const col = (c: string) => instrumentColumn(lines, c);
        half = { ...h, fits: abort === undefined, collections: max(col('Garbage collections')), peakStackSlots: max(col('Stack used')) / HOST_SLOT, ...(abort ? { abort } : {}) };
      }
      const f: BoardFootprint = {
        board: name, platform, hosts: loaded.hosts, ...(loaded.transport ? { broker: port !== undefined ? 'mosquitto' as const : 'none' as const } : {}),
        creation, ...(creationNote ? { creationNote } : {}), seconds: o.seconds, peak, ...(half ? { half } : {}), bytecode,
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
  const lines = [`Each board's firmware alone, built for lin with its own modules and run in mcsim for ${rows[0]?.seconds ?? '?'} s, twice: with its platform's \`creation\` (the peaks of the per-second samples: slots and chunks allocated between collections, garbage included, and the stack's high-water mark), and with **half** of it as fixed heaps and stack (growth off: XS aborts when a collection leaves no room). The target, every peak ≤ ${FOOTPRINT_LIMIT * 100} % of \`creation\`, is met when the half run goes to the end.`, ''];
  lines.push('| board | platform | creation | allocated between collections: slots, chunks (64-bit) | peak stack | half of creation, fixed | runs in it (collections) | within 50 % | bytecode (modules) |', '|---|---|---|---|---|---|---|---|---|');
  for (const f of rows) {
    const c = f.creation;
    const creation = !c ? (f.creationNote ?? 'unknown') : c.static > 0 ? `static ${kb(c.static)}, stack ${c.stack}` : `heap ${n(c.heap)} slots, chunk ${kb(c.chunk)}, stack ${c.stack}`;
    const s = shares(f);
    const share = (name: string) => { const x = s?.find((y) => y.name === name); return x ? ` (${pct(x.used, x.of)})` : ''; };
    const allocated = c && c.static > 0 ? `${n(f.peak.slots)}, ${kb(f.peak.chunkBytes)}: ${kb(f.peak.slots * CHIP_SLOT + f.peak.chunkBytes)} of the pool${share('static pool')}` : `${n(f.peak.slots)}${share('slots')}, ${kb(f.peak.chunkBytes)}${share('chunks')}`;
    const h = f.half;
    const half = !h ? '—' : `${n(h.heapSlots)} slots, chunk ${kb(h.chunkBytes)}, stack ${h.stackSlots}`;
    const runs = !h ? '—' : h.fits ? `yes (${n(h.collections)})` : `**no**: ${h.abort ?? '?'}`;
    const within = c ? (withinLimit(f) ? 'yes' : '**no**') : '—';
    const code = f.bytecode.note ? f.bytecode.note : `${kb(f.bytecode.bytes)} (${f.bytecode.modules})`;
    lines.push(`| \`${f.board}\`${f.broker === 'none' ? ' (no broker)' : ''} | ${f.platform} | ${creation} | ${allocated} | ${n(f.peak.stackSlots)} slots${share('stack')} | ${half} | ${runs} | ${within} | ${code} |`);
  }
  return lines;
}
