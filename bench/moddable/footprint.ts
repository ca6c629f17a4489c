// `npm run bench -- --moddable`: the firmware's footprint on Moddable's own runtime. XS heap in use (slots and
// chunks, Moddable's instrumentation) after boot and after one simulated hour, the stack's high-water mark, and
// the XS bytecode of the firmware's modules as each board's platform compiles them. Needs $MODDABLE.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { shippedScenarioInputs } from '../xs/inputs';
import { loadBoard, repoRoot } from '../../boards/load';
import { BOARD_VAR, platformOf, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { APP_NAME, moddableMissing, runMcconfig, SDK_TESTED } from '../../scripts/lib/mcconfig';
import { buildHarness, instrumentColumn, instrumentPeak, runOnMcsim } from './mcsim';
import type { MemorySample } from './protocol';

/** The boards measured: the desktop simulator's and the two shipped microcontroller boards. */
const FOOTPRINT_BOARDS = ['sim', 'esp32-devkitc', 'pico'];
const BOOT_MS = 10_000, HOUR_MS = 3_600_000, SETTLE_MS = 3000, ALONE_S = 20;

interface BoardBytecode { board: string; platform: string; modules: number; bytes: number; note?: string }
/** The plain firmware (manifest.json, firmware/main) on mcsim: mcsim's own per-second samples, nothing else loaded. */
interface DeviceRun { seconds: number; slotBytes: number[]; chunkBytes: number[]; stackBytes: number[]; modules: number[] }

export interface ModdableFootprint {
  sdk: string;
  baseline: MemorySample;
  boards: { board: string; samples: MemorySample[] }[];
  device: { samples: MemorySample[]; stackPeakBytes: number | undefined };
  /** The sim board's real firmware, alone: what the device itself holds (plus the desktop provider and physics). */
  alone: DeviceRun;
  stackPeakBytes: number | undefined;
  bytecode: BoardBytecode[];
  seconds: { build: number; run: number };
}

/** Every file under `dir` whose path ends with `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

/** Sizes of the .xsb files of our modules (board, firmware/, hal/, sim/) in a build's modules folder. */
function ourBytecode(out: string): { modules: number; bytes: number } {
  const board = filesUnder(join(out, 'tmp'), `${APP_NAME}/modules/board.xsb`.replaceAll('/', sep))[0];
  if (!board) return { modules: 0, bytes: 0 };
  const modulesDir = dirname(board);
  const files = [board, ...['firmware', 'hal', 'sim'].flatMap((d) => filesUnder(join(modulesDir, d), '.xsb'))];
  return { modules: files.length, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
}

/** Compiles one board's modules for its platform (no C), and measures their bytecode. */
async function bytecodeOf(board: string, progress: (line: string) => void): Promise<BoardBytecode> {
  const b = loadBoard(board), platform = platformOf(b);
  if (platform.startsWith('pico') && !process.env.PICO_SDK_DIR) return { board, platform, modules: 0, bytes: 0, note: 'not built: the Pico SDK ($PICO_SDK_DIR) is needed even for the modules' };
  const out = join(repoRoot, 'build', 'bench-moddable', board);
  writeBoardModules(out, b);
  progress(`bytecode: compiling ${board}'s modules for ${platform}`);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform, out, manifest: './manifest.json', cwd: repoRoot, modulesOnly: true, env: { [BOARD_VAR]: out }, echo: () => {} });
  if (r.problem) throw new Error(`${board} (${platform}): ${r.problem}`);
  return { board, platform, ...ourBytecode(out) };
}

/** Builds a board's firmware itself for lin (the desktop provider simulating its pins), instrumented, and runs it in mcsim for `seconds`. */
async function deviceAlone(seconds: number, progress: (line: string) => void, board = 'sim'): Promise<DeviceRun> {
  const out = join(repoRoot, 'build', 'bench-moddable', `device-${board}`);
  writeBoardModules(out, loadBoard(board));
  progress(`building the ${board} board's firmware (instrumented) for lin`);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: './manifest.json', cwd: repoRoot, instrument: true, env: { [BOARD_VAR]: out }, echo: () => {} });
  if (r.problem) throw new Error(`the sim board did not build: ${r.problem}`);
  const mcso = filesUnder(join(out, 'bin'), `${sep}mc.so`)[0]!;
  progress(`running it alone in mcsim for ${seconds} s`);
  const run = await runOnMcsim(mcso, 0, seconds + 60, seconds);
  const column = (name: string) => instrumentColumn(run.console, name);
  return { seconds, slotBytes: column('Slot used'), chunkBytes: column('Chunk used'), stackBytes: column('Stack used'), modules: column('Modules loaded') };
}

export async function measureModdableFootprint(progress: (line: string) => void): Promise<ModdableFootprint> {
  const missing = moddableMissing();
  if (missing) throw new Error(`--moddable needs the Moddable SDK: ${missing}`);
  const { boards } = shippedScenarioInputs();
  const jobs = [
    { mode: 'baseline' as const },
    ...FOOTPRINT_BOARDS.map((board) => ({ mode: 'footprint' as const, boards, board, bootMs: BOOT_MS, soakMs: HOUR_MS })),
    { mode: 'device' as const, settleMs: SETTLE_MS },
  ];
  progress('building the mcsim harness (instrumented) for lin');
  const harness = await buildHarness({ board: 'sim', out: join(repoRoot, 'build', 'bench-moddable', 'harness'), request: { jobs }, instrument: true });
  if (harness.result.problem) throw new Error(`the harness did not build: ${harness.result.problem}`);
  progress(`running it in mcsim (built in ${harness.seconds.toFixed(0)} s)`);
  const run = await runOnMcsim(harness.mcso, jobs.length, 600);
  const errors = run.answers.filter((a) => (a as { error?: string }).error);
  if (errors.length) throw new Error(`on mcsim: ${(errors[0] as { error: string }).error}`);
  const device = run.answers[jobs.length - 1] as { memory: MemorySample[] };
  const alone = await deviceAlone(ALONE_S, progress);
  const bytecode: BoardBytecode[] = [];
  for (const board of FOOTPRINT_BOARDS) bytecode.push(await bytecodeOf(board, progress));
  return {
    sdk: SDK_TESTED,
    baseline: run.answers[0] as MemorySample,
    boards: FOOTPRINT_BOARDS.map((board, i) => ({ board, samples: run.answers[i + 1] as MemorySample[] })),
    device: { samples: device.memory, stackPeakBytes: instrumentPeak(run.console, 'Stack used') },
    alone,
    stackPeakBytes: instrumentPeak(run.console, 'Stack used'),
    bytecode,
    seconds: { build: harness.seconds, run: run.seconds },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The footprint as a Markdown report (what docs/BENCHMARKS.md quotes). */
export function printModdableFootprint(f: ModdableFootprint): void {
  const lines = [`# Footprint on Moddable's runtime (${f.sdk}, mcsim on lin, 64-bit: a slot is 32 bytes here, 16 on the ESP32 and RP2040)`, ''];
  lines.push(`XS heap in use after a forced collection; "added" is over the harness alone (${kb(f.baseline.slotBytes)} slots, ${kb(f.baseline.chunkBytes)} chunks).`, '');
  lines.push('| board | moment | virtual time | slots in use | chunks in use | added slots | added chunks | modules |', '|---|---|---|---|---|---|---|---|');
  for (const { board, samples } of f.boards) {
    for (const s of samples) {
      lines.push(`| ${board} | ${s.label} | ${(s.tMs / 1000).toFixed(0)} s | ${kb(s.slotBytes)} | ${kb(s.chunkBytes)} | ${kb(s.slotBytes - f.baseline.slotBytes)} | ${kb(s.chunkBytes - f.baseline.chunkBytes)} | ${s.modules} |`);
    }
  }
  lines.push('', 'The real device entry (firmware/main, desktop provider, Moddable Timer), wall time:', '');
  lines.push('| moment | slots in use | chunks in use | modules |', '|---|---|---|---|');
  for (const s of f.device.samples) lines.push(`| ${s.label} | ${kb(s.slotBytes)} | ${kb(s.chunkBytes)} | ${s.modules} |`);
  const a = f.alone, max = (v: number[]) => (v.length ? Math.max(...v) : NaN);
  lines.push('', `The sim board's firmware alone (manifest.json, firmware/main; mcsim's per-second samples over ${a.seconds} s, garbage included):`, '');
  lines.push('| | first sample | peak |', '|---|---|---|');
  lines.push(`| slots in use | ${kb(a.slotBytes[1] ?? NaN)} | ${kb(max(a.slotBytes))} (${max(a.slotBytes) / 32} slots) |`);
  lines.push(`| chunks in use | ${kb(a.chunkBytes[1] ?? NaN)} | ${kb(max(a.chunkBytes))} |`);
  lines.push(`| stack | ${a.stackBytes[1] ?? '?'} bytes | ${max(a.stackBytes)} bytes (${max(a.stackBytes) / 32} slots) |`);
  lines.push(`| modules loaded | ${a.modules[1] ?? '?'} | ${max(a.modules)} |`);
  lines.push('', `Stack high-water mark over the whole run (per-second peaks of mcsim's "Stack used"): ${f.stackPeakBytes ?? '?'} bytes (${f.stackPeakBytes === undefined ? '?' : f.stackPeakBytes / 32} slots).`);
  lines.push('', 'XS bytecode of the firmware\'s own modules (board, firmware/, hal/, sim/), as compiled for each board\'s platform:', '');
  lines.push('| board | platform | modules | bytecode |', '|---|---|---|---|');
  for (const b of f.bytecode) lines.push(`| ${b.board} | ${b.platform} | ${b.modules} | ${b.note ?? kb(b.bytes)} |`);
  lines.push('', `Harness build ${f.seconds.build.toFixed(0)} s, mcsim run ${f.seconds.run.toFixed(0)} s.`);
  console.log(lines.join('\n'));
}
