// `npx tsx bench/xs/floor.ts [rounds]`: how fast our engine could be on XS (xsnap) with the bench's loop, hooks and
// events, and what each promise it keeps costs. The bay door's cycle (every transition a plain `→ X`) is sent to
// robot3, to our engine, and to stand-ins that do only the cell lookup, the hooks and the state change, then also fill
// the transition record, then also keep run to completion (a running flag and the `try`). Each is timed in the
// worker's CPU time, the implementations taking turns round by round, and its bytecodes per event counted by XS's
// meter (exact). Prints each one's ns per event and robot3's time divided by it.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { bundleForXs } from './bundle';
import { replyScript, XsWorker } from './worker';

const rounds = Number(process.argv[2] ?? 7), TICK_NS = 1e9 / 100; // USER_HZ
const worker = XsWorker.start('launch-bay floor');
const cpuTicks = (): number => {
  const fields = readFileSync(`/proc/${worker.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
const call = async (expression: string) => worker.evaluate(replyScript(expression));
async function nsPerEvent(k: number, cycles: number): Promise<number> {
  const before = cpuTicks(), events = Number((await call(`floor.run(${k}, ${cycles})`)).text);
  return ((cpuTicks() - before) * TICK_NS) / events;
}

try {
  const load = loadavg()[0];
  await worker.evaluate(await bundleForXs('bench/xs/floor-entry.ts', { console: true }));
  const names = JSON.parse((await call('floor.names()')).text) as string[];
  const ends = JSON.parse((await call('floor.states()')).text) as string[];
  if (new Set(ends).size !== 1) throw new Error(`the implementations did not end in the same state: ${ends.join(', ')}`);
  const bytecodes = [];
  for (let k = 0; k < names.length; k++) {
    const r = await call(`floor.run(${k}, 1)`);
    bytecodes.push(r.compute / Number(r.text));
  }
  const cycles: number[] = [], samples: number[][] = names.map(() => []);
  for (let k = 0; k < names.length; k++) {
    let c = 1;
    while ((await nsPerEvent(k, c)) * c * 2048 < 2.5e8 && c < 1e6) c *= 2;
    cycles.push(c);
  }
  for (let r = 0; r < rounds; r++) for (let i = 0; i < names.length; i++) { const k = (i + r) % names.length; samples[k].push(await nsPerEvent(k, cycles[k])); }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const ns = samples.map(median), robot3 = ns[names.indexOf('robot3')];
  console.log(`bay door, ${rounds} rounds, load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  for (let k = 0; k < names.length; k++) {
    console.log(`${names[k].padEnd(24)} ${ns[k].toFixed(0).padStart(5)} ns/event  ${bytecodes[k].toFixed(1).padStart(6)} bytecodes/event  robot3 ÷ this ${(robot3 / ns[k]).toFixed(1)}×`);
  }
} finally {
  await worker.close();
}
