// `npx tsx bench/moddable/stages-cli.ts <board> [--keep]`: builds a lone board's firmware for lin with the staged entry
// (bench/moddable/stages.ts) instead of firmware/main, runs it in mcsim and prints, per stage of the boot, what XS
// has alive after a forced collection (slots, and chunks counted 64-bit). `--keep` reuses the last build's compiled
// modules (only when nothing of ours changed since). Needs $MODDABLE.
import { join } from 'node:path';
import { loadBoard, repoRoot } from '../../boards/load';
import { BOARD_VAR, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { moddableMissing, runMcconfig } from '../../scripts/lib/mcconfig';
import { runOnMcsim } from './mcsim';
import type { StageSample, SuspectCost } from './stages';

/** mcsim is 64-bit: a slot is 32 bytes there (16 on the ESP32 and RP2040). */
const HOST_SLOT = 32;

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const missing = moddableMissing();
  if (!name || missing) throw new Error(missing ?? 'usage: npx tsx bench/moddable/stages-cli.ts <board> [--keep]');
  const board = loadBoard(name);
  if (board.transport) throw new Error(`${name} is a node board: the staged entry boots a lone board`);
  const out = join(repoRoot, 'build', 'bench-moddable', 'stages');
  writeBoardModules(out, board);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: './bench/moddable/manifest_stages.json', cwd: repoRoot, instrument: true, keepCompiled: rest.includes('--keep'), env: { [BOARD_VAR]: out }, echo: () => {} });
  if (r.problem) throw new Error(`${name} did not build: ${r.problem}\n${r.output.slice(-2000)}`);
  const run = await runOnMcsim(join(out, 'bin', 'lin', 'mc', 'instrument', 'launch-bay', 'mc.so'), 1, 120);
  const { samples, suspects, error } = run.answers[0] as { samples: StageSample[]; suspects: SuspectCost[]; error?: string };
  console.log(`| ${name}: stage | slots alive | added | chunks alive (64-bit) | added | modules |`, '\n|---|---|---|---|---|---|');
  let prev: StageSample | undefined;
  for (const s of samples) {
    const slots = s.slotBytes / HOST_SLOT, added = prev ? slots - prev.slotBytes / HOST_SLOT : slots;
    const chunks = s.chunkBytes, addedChunks = prev ? chunks - prev.chunkBytes : chunks;
    console.log(`| ${s.stage} | ${slots.toLocaleString('en-US')} | ${added >= 0 ? '+' : ''}${added.toLocaleString('en-US')} | ${chunks.toLocaleString('en-US')} | ${addedChunks >= 0 ? '+' : ''}${addedChunks.toLocaleString('en-US')} | ${s.modules} |`);
    prev = s;
  }
  console.log('', `| one of each (${name}'s build) | slots | chunk bytes (64-bit) |`, '\n|---|---|---|');
  for (const c of suspects) console.log(`| ${c.suspect} | ${c.slots.toFixed(1)} | ${c.chunkBytes.toFixed(0)} |`);
  if (error) console.log(`stopped early: ${error}`);
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; });
