// `npx tsx bench/xs/floor.ts [rounds] [--write]`: how fast our engine could be on XS (xsnap) with the bench's loop,
// hooks and events, and what each promise it keeps costs. The bay door's cycle (every transition a plain `→ X`) is
// sent to robot3, to our engine, and to stand-ins that do only the cell lookup, the hooks and the state change, then
// also fill the transition record, then also keep run to completion (a running flag and the `try`), then the same
// with the state in a closure's variables. Each is timed in the worker's CPU time, the implementations taking turns
// round by round, and its bytecodes per event counted by XS's meter (exact). Prints each one's ns per event and
// robot3's time divided by it; --write records them in bench/xs/floor.json with a hash of the engine, and rewrites
// the table in docs/BENCHMARKS.md from it (test/benchmarks/floor-docs.test.ts checks both).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { engineHash } from '../../scripts/lib/dispatch-profile';
import { FLOOR_DOC, FLOOR_JSON, floorTable, withFloor, type FloorFile } from '../../scripts/lib/xs-floor';
import { repoRoot } from './bundle';
import { loadFloor } from './floor-count';
import { replyScript, XsWorker } from './worker';

const args = process.argv.slice(2), write = args.includes('--write');
const rounds = Number(args.find((a) => !a.startsWith('--')) ?? 7), TICK_NS = 1e9 / 100; // USER_HZ
const worker = XsWorker.start('launch-bay floor');
const cpuTicks = (): number => {
  const fields = readFileSync(`/proc/${worker.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
async function nsPerEvent(k: number, cycles: number): Promise<number> {
  const before = cpuTicks(), events = Number((await worker.evaluate(replyScript(`floor.run(${k}, ${cycles})`))).text);
  return ((cpuTicks() - before) * TICK_NS) / events;
}

try {
  const load = loadavg()[0];
  const { names, bytecodes } = await loadFloor(worker);
  const cycles: number[] = [], samples: number[][] = names.map(() => []);
  for (let k = 0; k < names.length; k++) {
    let c = 1;
    while ((await nsPerEvent(k, c)) * c * 2048 < 2.5e8 && c < 1e6) c *= 2;
    cycles.push(c);
  }
  for (let r = 0; r < rounds; r++) for (let i = 0; i < names.length; i++) { const k = (i + r) % names.length; samples[k].push(await nsPerEvent(k, cycles[k])); }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const file: FloorFile = {
    engine: engineHash(join(repoRoot, 'firmware/core')),
    date: new Date().toISOString().slice(0, 16).replace('T', ' '), load: Math.round(((load + loadavg()[0]) / 2) * 10) / 10, rounds,
    rows: names.map((name, k) => ({ name, ns: Math.round(median(samples[k])), bytecodes: bytecodes[k] })),
  };
  console.log(floorTable(file));
  if (write) {
    writeFileSync(join(repoRoot, FLOOR_JSON), `${JSON.stringify(file, null, 2)}\n`);
    const page = join(repoRoot, FLOOR_DOC);
    writeFileSync(page, withFloor(readFileSync(page, 'utf8'), file));
    console.log(`wrote ${FLOOR_JSON} and ${FLOOR_DOC}`);
  }
} finally {
  await worker.close();
}
