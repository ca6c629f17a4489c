// `npx tsx bench/moddable/half-cli.ts <board> <heap slots> <chunk bytes> [stack slots] [--keep]`: a lone board's
// firmware built for lin with the given creation as fixed heaps (incremental 0) and run 20 s in mcsim, as the half
// run of `npm run bench -- --moddable` does, without its full run and platform build: a quick check while shrinking
// what a board keeps alive. `--keep` reuses the last build's compiled modules. Needs $MODDABLE. A node board is
// provisioned for this run and joins a mosquitto of its own (alone on it, as in the bench), built in the bench's
// node-board folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadBoard, repoRoot } from '../../boards/load';
import { BOARD_VAR, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { moddableMissing, runMcconfig } from '../../scripts/lib/mcconfig';
import { freePort, has, provisionNodes } from './boards';
import { instrumentColumn, runOnMcsim } from './mcsim';

const SECONDS = 20, HOST_SLOT = 32;

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--keep');
  const [name, slots, chunk, stack = '256'] = args;
  const missing = moddableMissing();
  if (missing || !name || !Number(slots) || !Number(chunk)) throw new Error(missing ?? 'usage: npx tsx bench/moddable/half-cli.ts <board> <heap slots> <chunk bytes> [stack slots] [--keep]');
  const loaded = loadBoard(name);
  const out = join(repoRoot, 'build', 'bench-moddable', loaded.transport ? 'device-node' : 'half-check');
  const scratch = mkdtempSync(join(tmpdir(), 'launchbay-half-'));
  let broker: ChildProcess | undefined;
  try {
    let board = loaded;
    if (loaded.transport?.kind === 'mqtt' && has('mosquitto')) {
      const port = await freePort();
      broker = spawn('mosquitto', ['-p', String(port)], { stdio: 'ignore' });
      board = { ...loaded, transport: { ...loaded.transport, port } };
    }
    writeBoardModules(out, board, loaded.transport ? provisionNodes([name], join(scratch, 'keys')).get(name) : undefined);
    await halfRun(name, out, slots!, chunk!, stack);
  } finally {
    if (broker?.pid !== undefined && broker.exitCode === null) broker.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function halfRun(name: string, out: string, slots: string, chunk: string, stack: string): Promise<void> {
  const manifest = join(out, 'manifest_fixed.json');
  writeFileSync(manifest, `${JSON.stringify({
    include: [join(repoRoot, 'manifest.json')],
    creation: { chunk: { initial: Number(chunk), incremental: 0 }, heap: { initial: Number(slots), incremental: 0 }, stack: Number(stack) },
  }, null, '\t')}\n`);
  const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: relative(repoRoot, manifest), cwd: repoRoot, instrument: true, keepCompiled: process.argv.includes('--keep'), env: { [BOARD_VAR]: out }, echo: () => {} });
  if (r.problem) throw new Error(`${name} did not build: ${r.problem}`);
  let lines: string[];
  try { lines = (await runOnMcsim(join(out, 'bin', 'lin', 'mc', 'instrument', 'launch-bay', 'mc.so'), 0, SECONDS + 60, SECONDS)).console; }
  catch (e) { lines = String(e).split('\n'); }
  writeFileSync(join(out, 'console.txt'), `${lines.join('\n')}\n`);
  const abort = lines.find((l) => /XS abort|failed in fixed size heap/.test(l));
  const peak = (c: string) => Math.max(...instrumentColumn(lines, c));
  console.log(`${name} in ${slots} slots, ${chunk} chunk bytes, stack ${stack}: ${abort ?? `ran ${SECONDS} s`}; ${peak('Garbage collections')} collections, stack peak ${peak('Stack used') / HOST_SLOT} slots (sampled each second)`);
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; });
