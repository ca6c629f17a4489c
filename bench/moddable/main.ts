// The harness that runs the firmware's code on Moddable's own runtime (mcsim): the shipped scenarios in virtual
// time, the memory XS uses after boot and after an hour, or the real device entry (firmware/main). What it does
// comes from the generated module harness-inputs; it answers on the console in lines bench/moddable/mcsim.ts reads.
// Our modules are imported only when a job needs them, so the first sample is the runtime without them.
import Debug from 'debug';
import Instrumentation from 'instrumentation';
import Timer from 'timer';
import request from 'harness-inputs';
import type { HarnessJob, MemorySample } from './protocol';

declare const trace: (text: string) => void;

// trace() lines are short on some hosts: long answers go out in pieces.
const CHUNK = 200;
function answer(value: unknown): void {
  const text = JSON.stringify(value);
  for (let i = 0; i < text.length; i += CHUNK) trace(`@@lb+${text.slice(i, i + CHUNK)}\n`);
  trace('@@lb.\n');
}

const ids = {
  slots: Instrumentation.map('XS Slot Heap Used'),
  chunks: Instrumentation.map('XS Chunk Heap Used'),
  stack: Instrumentation.map('XS Stack Used'),
  modules: Instrumentation.map('XS Modules Loaded'),
  gcs: Instrumentation.map('XS Garbage Collection Count'),
};
/** XS's heap in use after a full collection; the stack's peak since mcsim's last one-second sample. */
function sample(label: string, tMs: number): MemorySample {
  Debug.gc();
  const get = (id: number | undefined) => Instrumentation.get(id) ?? -1;
  return { label, tMs, slotBytes: get(ids.slots), chunkBytes: get(ids.chunks), stackPeakBytes: get(ids.stack), modules: get(ids.modules), gcs: get(ids.gcs) };
}

async function footprint(job: Extract<HarnessJob, { mode: 'footprint' }>): Promise<MemorySample[]> {
  const { validateBoard } = await import('../../firmware/board');
  const { validateMcu } = await import('../../boards/validate-mcu');
  const { createSimWorld } = await import('../../sim/world');
  const samples = [sample('modules loaded', 0)];
  const raw = job.boards[job.board]!;
  const board = validateBoard(raw.board, validateMcu(raw.mcu, `boards/mcu/${job.board}.json`), `boards/${job.board}.json`);
  const world = createSimWorld({ board });
  world.advance(job.bootMs);
  samples.push(sample('after boot', world.clock.now()));
  world.advance(job.soakMs - job.bootMs);
  samples.push(sample('after one simulated hour', world.clock.now()));
  world.stop();
  return samples;
}

/** The real device entry, on Moddable's Timer and the desktop provider, for `settleMs` of wall time. */
async function device(settleMs: number): Promise<unknown> {
  const before = sample('before the device entry', 0);
  await import('../../firmware/main');
  const booted = sample('device entry imported', 0);
  await new Promise<void>((resolve) => { Timer.set(() => resolve(), settleMs); });
  const lines: string[] = [];
  (globalThis as unknown as { dumpAudit(print?: (line: string) => void): void }).dumpAudit((line) => lines.push(line));
  return { audit: lines, memory: [before, booted, sample('device entry running', settleMs)] };
}

async function run(job: HarnessJob): Promise<unknown> {
  if (job.mode === 'scenarios') return (await import('../xs/scenarios')).runScenarios(job);
  if (job.mode === 'footprint') return footprint(job);
  if (job.mode === 'baseline') return sample('harness alone', 0);
  return device(job.settleMs);
}

// One job per turn, more than a second apart, so that mcsim's sampler resets the stack's peak in between.
const GAP_MS = 1500;
let next = 0;
function step(): void {
  const job = request.jobs[next++];
  if (!job) return;
  run(job).then(answer, (e: unknown) => answer({ error: `${String(e)}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}` }))
    .then(() => { Timer.set(step, GAP_MS); });
}
Timer.set(step, GAP_MS);
