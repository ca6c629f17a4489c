// `npx tsx bench/xs/profile.ts [rounds] [--engine DIR] [--write LABEL]`: where dispatch spends its time on XS
// (xsnap), layer by layer, in nanoseconds per event of the airlock's legal cycle (the bench's stream), next to robot3
// doing the same work. Each layer is timed in the worker's CPU time (/proc), not the wall clock, so other work on the
// machine counts less.
// --engine times another copy of firmware/core (e.g. an older commit's, checked out elsewhere) in place of this one.
// --write records the result as LABEL (`after`, or `before` for an older engine) in bench/xs/profile.json, with a
// hash of the engine it timed, and regenerates the table in docs/BENCHMARKS.md from it (test/benchmarks checks both).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { engineHash, PROFILE_DOC, PROFILE_JSON, withProfile, type ProfileFile } from '../../scripts/lib/dispatch-profile';
import { bundleForXs, repoRoot } from './bundle';
import { replyScript, XsWorker } from './worker';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => { const at = args.indexOf(name); return at < 0 ? undefined : args.splice(at, 2)[1]; };
const engine = resolve(option('--engine') ?? join(repoRoot, 'firmware/core')), label = option('--write');
const rounds = Number(args[0] ?? 5), TICK_NS = 1e9 / 100; // USER_HZ

// Every import of firmware/core (the machines', the bench's) resolved to `engine`.
const ownCore = join(repoRoot, 'firmware/core');
const useEngine: Plugin = {
  name: 'engine',
  setup(build) {
    build.onResolve({ filter: /core$/ }, (a) => (resolve(a.resolveDir, a.path) === ownCore ? { path: join(engine, 'index.ts') } : undefined));
  },
};

const worker = XsWorker.start('launch-bay profile');

const cpuTicks = (): number => {
  const fields = readFileSync(`/proc/${worker.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};

async function cpuNsPerEvent(k: number, cycles: number): Promise<number> {
  const before = cpuTicks();
  const events = Number((await worker.evaluate(replyScript(`profile.run(${k}, ${cycles})`))).text);
  return ((cpuTicks() - before) * TICK_NS) / events;
}

try {
  const load = loadavg()[0];
  await worker.evaluate(await bundleForXs('bench/xs/profile-entry.ts', { console: true, plugins: [useEngine] }));
  const names = JSON.parse((await worker.evaluate(replyScript('profile.setUp()'))).text) as string[];
  // About half a second of CPU per layer and round: long enough for the 10 ms ticks.
  const cycles = names.map(() => 1);
  for (let k = 0; k < names.length; k++) while ((await cpuNsPerEvent(k, cycles[k])) * cycles[k] * 2048 < 5e8 && cycles[k] < 1e6) cycles[k] *= 4;
  const samples: number[][] = names.map(() => []);
  for (let r = 0; r < rounds; r++) for (let k = 0; k < names.length; k++) samples[k].push(await cpuNsPerEvent(k, cycles[k]));
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const layers = names.map((layer, k) => ({ layer, ns: Math.round(median(samples[k])) }));
  let before = 0;
  for (const { layer, ns } of layers) {
    const own = layer.startsWith('robot3') ? '' : `  (+${ns - before})`;
    console.log(`${layer.padEnd(32)} ${String(ns).padStart(6)} ns/event${own}`);
    if (own) before = ns;
  }
  if (label) {
    const path = join(repoRoot, PROFILE_JSON), page = join(repoRoot, PROFILE_DOC);
    const file = JSON.parse(readFileSync(path, 'utf8')) as ProfileFile;
    file[label] = { engine: engineHash(engine), date: new Date().toISOString().slice(0, 16).replace('T', ' '), load: Math.round(load * 10) / 10, rounds, layers };
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    writeFileSync(page, withProfile(readFileSync(page, 'utf8'), file));
    console.log(`wrote ${PROFILE_JSON} (${label}) and ${PROFILE_DOC}`);
  }
} finally {
  await worker.close();
}
