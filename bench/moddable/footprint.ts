// `npm run bench -- --moddable`: the firmware's footprint on Moddable's own runtime. XS heap in use (slots and
// chunks, Moddable's instrumentation) after boot and after one simulated hour, the stack's high-water mark, and
// the XS bytecode of the firmware's modules as each board's platform compiles them. Needs $MODDABLE.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { shippedScenarioInputs } from '../xs/inputs';
import { repoRoot } from '../../boards/load';
import { generatedMakefile, SDK_TESTED } from '../../scripts/lib/mcconfig';
import { boardTable, measureBoards, moddableBoards, type BoardFootprint } from './boards';
import { buildHarness, instrumentPeak, runOnMcsim } from './mcsim';
import { moddableMissing } from '../../scripts/lib/mcconfig';
import type { MemorySample } from './protocol';

/** The boards the harness soaks for an hour: the desktop simulator's and the two shipped microcontroller boards. */
const FOOTPRINT_BOARDS = ['sim', 'esp32-devkitc', 'pico'];
const BOOT_MS = 10_000, HOUR_MS = 3_600_000, SETTLE_MS = 3000, ALONE_S = 20;


export interface ModdableFootprint {
  sdk: string;
  /** Every Moddable board's firmware alone on mcsim, against its platform's creation, with its bytecode. */
  perBoard: BoardFootprint[];
  /** Wall time of the per-board measurement. */
  seconds: number;
  /** Boards of moddableBoards() this run did not measure, and why (a run cut short says so here). */
  notMeasured?: { board: string; why: string }[];
  soak?: HarnessSoak;
}

/**
 * Sizes of the .xsb files of our modules (board, firmware/, hal/, sim/) that the build's generated makefile lists:
 * an output folder shared by several boards' builds may still hold another board's modules, which are not counted.
 */
export function ourBytecode(out: string): { modules: number; bytes: number } {
  const makefile = generatedMakefile(out);
  if (!makefile) return { modules: 0, bytes: 0 };
  const modulesDir = join(dirname(makefile), 'modules');
  const listed = readFileSync(makefile, 'utf8').split('\n')
    .map((l) => /^\t\$\(MODULES_DIR\)\/(\S+\.xsb)\s*\\?$/.exec(l)?.[1])
    .filter((m): m is string => m !== undefined && (m === 'board.xsb' || /^(firmware|hal|sim)\//.test(m)));
  const files = [...new Set(listed)].map((m) => join(modulesDir, m)).filter((f) => existsSync(f));
  return { modules: files.length, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0) };
}

/** The harness's hour in the simulated bay (`--soak`): memory after a forced collection at boot and after the hour. */
interface HarnessSoak {
  baseline: MemorySample;
  boards: { board: string; samples: MemorySample[] }[];
  device: { samples: MemorySample[] };
  stackPeakBytes: number | undefined;
  seconds: { build: number; run: number };
}

async function harnessSoak(progress: (line: string) => void): Promise<HarnessSoak> {
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
  return {
    baseline: run.answers[0] as MemorySample,
    boards: FOOTPRINT_BOARDS.map((board, i) => ({ board, samples: run.answers[i + 1] as MemorySample[] })),
    device: { samples: device.memory },
    stackPeakBytes: instrumentPeak(run.console, 'Stack used'),
    seconds: { build: harness.seconds, run: run.seconds },
  };
}

/** Every Moddable board's footprint and bytecode; with `soak`, the harness's simulated hour too. */
export async function measureModdableFootprint(progress: (line: string) => void, o: { soak?: boolean; boards?: string[] } = {}): Promise<ModdableFootprint> {
  const missing = moddableMissing();
  if (missing) throw new Error(`--moddable needs the Moddable SDK: ${missing}`);
  const started = Date.now();
  const all = moddableBoards(), stray = (o.boards ?? []).filter((b) => !all.includes(b));
  if (stray.length) throw new Error(`not a board whose firmware runs on XS: ${stray.join(', ')} (they are ${all.join(', ')})`);
  const perBoard = await measureBoards({ boards: o.boards ?? all, seconds: ALONE_S, bytecodeOf: ourBytecode, progress });
  const seconds = (Date.now() - started) / 1000;
  return { sdk: SDK_TESTED, perBoard, seconds, ...(o.soak ? { soak: await harnessSoak(progress) } : {}) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The footprint as a Markdown report (what docs/BENCHMARKS.md quotes, generated by npm run docs:sdk). */
export function footprintReport(f: ModdableFootprint): string[] {
  const lines = [`Footprint on Moddable's runtime (${f.sdk}; mcsim on lin is 64-bit: a slot is 32 bytes there, 16 on the ESP32 and RP2040, so slot counts carry over to a chip and chunk bytes are an upper bound).`, ''];
  lines.push(...boardTable(f.perBoard));
  for (const m of f.notMeasured ?? []) lines.push(`| \`${m.board}\` | not measured: ${m.why} | | | | | | | |`);
  const s = f.soak;
  if (s) {
    lines.push('', `The harness's simulated hour (\`--soak\`), XS heap in use after a forced collection; "added" is over the harness alone (${kb(s.baseline.slotBytes)} slots, ${kb(s.baseline.chunkBytes)} chunks):`, '');
    lines.push('| board | moment | virtual time | slots in use | chunks in use | added slots | added chunks | modules |', '|---|---|---|---|---|---|---|---|');
    for (const { board, samples } of s.boards) {
      for (const m of samples) lines.push(`| ${board} | ${m.label} | ${(m.tMs / 1000).toFixed(0)} s | ${kb(m.slotBytes)} | ${kb(m.chunkBytes)} | ${kb(m.slotBytes - s.baseline.slotBytes)} | ${kb(m.chunkBytes - s.baseline.chunkBytes)} | ${m.modules} |`);
    }
    lines.push('', `Stack high-water mark over the harness's run: ${s.stackPeakBytes ?? '?'} bytes.`);
  }
  return lines;
}

export function printModdableFootprint(f: ModdableFootprint): void {
  console.log([...footprintReport(f), '', `Measured in ${f.seconds.toFixed(0)} s.`].join('\n'));
}
