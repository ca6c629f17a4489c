// `npx tsx bench/xs/profile.ts [rounds]`: where dispatch spends its time on XS (xsnap), layer by layer, in
// nanoseconds per event of the airlock's legal cycle (the bench's stream), next to robot3 doing the same work.
// Each layer is timed in the worker's CPU time (/proc), not the wall clock, so other work on the machine counts less.
import { readFileSync } from 'node:fs';
import { bundleForXs } from './bundle';
import { replyScript, XsWorker } from './worker';

const rounds = Number(process.argv[2] ?? 5), TICK_NS = 1e9 / 100; // USER_HZ
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
  await worker.evaluate(await bundleForXs('bench/xs/profile-entry.ts', { console: true }));
  const names = JSON.parse((await worker.evaluate(replyScript('profile.setUp()'))).text) as string[];
  // About half a second of CPU per layer and round: long enough for the 10 ms ticks.
  const cycles = names.map(() => 1);
  for (let k = 0; k < names.length; k++) while ((await cpuNsPerEvent(k, cycles[k])) * cycles[k] * 2048 < 5e8 && cycles[k] < 1e6) cycles[k] *= 4;
  const samples: number[][] = names.map(() => []);
  for (let r = 0; r < rounds; r++) for (let k = 0; k < names.length; k++) samples[k].push(await cpuNsPerEvent(k, cycles[k]));
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  let before = 0;
  names.forEach((layer, k) => {
    const t = median(samples[k]), own = layer.startsWith('robot3') ? '' : `  (+${(t - before).toFixed(0)})`;
    console.log(`${layer.padEnd(32)} ${t.toFixed(0).padStart(6)} ns/event${own}`);
    if (!own) return;
    before = t;
  });
} finally {
  await worker.close();
}
