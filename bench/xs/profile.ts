// `npx tsx bench/xs/profile.ts [rounds] [--before DIR] [--write]`: where dispatch spends its time on XS (xsnap),
// layer by layer, in nanoseconds per event of the airlock's legal cycle (the bench's stream), next to robot3 doing
// the same work. Each layer is timed in the worker's CPU time (/proc), not the wall clock, so other work on the
// machine counts less.
// --before times another copy of firmware/core too (e.g. an older commit's, checked out elsewhere), in the same
// worker, taking turns with this one layer by layer and round by round, so both see the same load.
// --write records the result (`after`: this engine; `before`) in bench/xs/profile.json, with a hash of each engine
// it timed, and regenerates the table in docs/BENCHMARKS.md from it (test/benchmarks checks both).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { engineHash, PROFILE_DOC, PROFILE_JSON, withProfile, type ProfileFile } from '../../scripts/lib/dispatch-profile';
import { bundleForXs, repoRoot } from './bundle';
import { replyScript, XsWorker } from './worker';

const args = process.argv.slice(2);
const flag = (name: string): boolean => { const at = args.indexOf(name); if (at >= 0) args.splice(at, 1); return at >= 0; };
const option = (name: string): string | undefined => { const at = args.indexOf(name); return at < 0 ? undefined : args.splice(at, 2)[1]; };
const ownCore = join(repoRoot, 'firmware/core'), older = option('--before'), write = flag('--write');
const engines = [{ label: 'after', dir: ownCore }, ...(older ? [{ label: 'before', dir: resolve(older) }] : [])];
const rounds = Number(args[0] ?? 5), TICK_NS = 1e9 / 100; // USER_HZ

// Every import of firmware/core (the machines', the bench's) resolved to `dir`.
const useEngine = (dir: string): Plugin => ({
  name: 'engine',
  setup(build) {
    build.onResolve({ filter: /core$/ }, (a) => (resolve(a.resolveDir, a.path) === ownCore ? { path: join(dir, 'index.ts') } : undefined));
  },
});

const worker = XsWorker.start('launch-bay profile');

const cpuTicks = (): number => {
  const fields = readFileSync(`/proc/${worker.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};

async function cpuNsPerEvent(label: string, k: number, cycles: number): Promise<number> {
  const before = cpuTicks();
  const events = Number((await worker.evaluate(replyScript(`profiles.${label}.run(${k}, ${cycles})`))).text);
  return ((cpuTicks() - before) * TICK_NS) / events;
}

try {
  const load = loadavg()[0];
  let names: string[] = [];
  for (const { label, dir } of engines) {
    // Each engine's bundle sets the global `profile`; kept under its label before the next one replaces it.
    await worker.evaluate(await bundleForXs('bench/xs/profile-entry.ts', { console: true, plugins: [useEngine(dir)] }));
    names = JSON.parse((await worker.evaluate(replyScript('(globalThis.profiles ??= {}).' + label + ' = profile, profile.setUp()'))).text) as string[];
  }
  // About a quarter of a second of CPU per layer and round: long enough for the 10 ms ticks.
  const cycles: { [key: string]: number } = {}, samples: { [key: string]: number[] } = {};
  for (const { label } of engines) {
    for (let k = 0; k < names.length; k++) {
      let c = 1;
      while ((await cpuNsPerEvent(label, k, c)) * c * 2048 < 2.5e8 && c < 1e6) c *= 4;
      cycles[`${label} ${k}`] = c; samples[`${label} ${k}`] = [];
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      for (let e = 0; e < engines.length; e++) {
        const { label } = engines[(e + r) % engines.length];
        samples[`${label} ${k}`].push(await cpuNsPerEvent(label, k, cycles[`${label} ${k}`]));
      }
    }
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const file: ProfileFile = {};
  for (const { label, dir } of engines) {
    const layers = names.map((layer, k) => ({ layer, ns: Math.round(median(samples[`${label} ${k}`])) }));
    file[label] = { engine: engineHash(dir), date: new Date().toISOString().slice(0, 16).replace('T', ' '), load: Math.round(load * 10) / 10, rounds, layers };
  }
  for (let k = 0; k < names.length; k++) {
    console.log(`${names[k].padEnd(32)} ${engines.map(({ label }) => `${label} ${String(file[label].layers[k].ns).padStart(6)}`).join('  ')} ns/event`);
  }
  if (write) {
    const path = join(repoRoot, PROFILE_JSON), page = join(repoRoot, PROFILE_DOC);
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    writeFileSync(page, withProfile(readFileSync(page, 'utf8'), file));
    console.log(`wrote ${PROFILE_JSON} and ${PROFILE_DOC}`);
  }
} finally {
  await worker.close();
}
