// `npx tsx bench/moddable/stages-cli.ts <board> [--keep | --record]`: builds a lone board's firmware for lin with the staged entry
// (bench/moddable/stages.ts) instead of firmware/main, runs it in mcsim and prints, per stage of the boot, what XS
// has alive after a forced collection (slots, and chunks counted 64-bit). `--keep` reuses the last build's compiled
// modules (only when nothing of ours changed since). `--record` keeps the run in bench/moddable/stages/<board>.json and
// regenerates docs/BENCHMARKS.md's "stages now" block from every such record. Needs $MODDABLE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBoard, repoRoot } from '../../boards/load';
import { BOARD_VAR, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { moddableMissing, runMcconfig } from '../../scripts/lib/mcconfig';
import { runOnMcsim } from './mcsim';
import { shortCommit, stageInputs, stageTables, STAGES_DIR, writeSdkDocs, type StageRecord } from './sdk-docs';
import type { StageSample, SuspectCost } from './stages';

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const missing = moddableMissing();
  if (!name || missing) throw new Error(missing ?? 'usage: npx tsx bench/moddable/stages-cli.ts <board> [--keep | --record]');
  const board = loadBoard(name);
  if (board.transport) throw new Error(`${name} is a node board: the staged entry boots a lone board`);
  const out = join(repoRoot, 'build', 'bench-moddable', 'stages');
  writeBoardModules(out, board);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: './bench/moddable/manifest_stages.json', cwd: repoRoot, instrument: true, keepCompiled: rest.includes('--keep'), env: { [BOARD_VAR]: out }, echo: () => {} });
  if (r.problem) throw new Error(`${name} did not build: ${r.problem}\n${r.output.slice(-2000)}`);
  const run = await runOnMcsim(join(out, 'bin', 'lin', 'mc', 'instrument', 'launch-bay', 'mc.so'), 1, 120);
  const { samples, suspects, error } = run.answers[0] as { samples: StageSample[]; suspects: SuspectCost[]; error?: string };
  for (const line of stageTables({ board: name, samples, suspects, error })) console.log(line);
  if (rest.includes('--record')) {
    if (rest.includes('--keep')) throw new Error('--record keeps only a fresh build (not --keep)');
    mkdirSync(STAGES_DIR, { recursive: true });
    const record: StageRecord = { board: name, commit: shortCommit(), inputs: stageInputs(name), samples, suspects, ...(error ? { error } : {}) };
    writeFileSync(join(STAGES_DIR, `${name}.json`), `${JSON.stringify(record, null, 1)}\n`);
    const wrote = writeSdkDocs();
    console.log(`recorded in bench/moddable/stages/${name}.json; regenerated ${wrote.length ? wrote.join(', ') : 'nothing'}`);
  }
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; });
