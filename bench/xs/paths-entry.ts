// The XS side of `npx tsx bench/xs/paths.ts`: the bench's own runner for our engine (bench/dispatch/ours.ts, its loop,
// hooks and sensors; XState and robot3 come along with measure.ts, hence the bundle's console), placed at the start of each machine's cycle, sending one event of the cycle at a time.
import { implementations, prepare, streams } from '../dispatch/measure';

const s = streams();
const machines: { [name: string]: { send(i: number): void; none(i: number): void } } = {};
for (const m of ['airlock', 'bay door'] as const) {
  const p = prepare(implementations.ours, m, s[m]);
  // `none` runs the same call with no event, so the difference is what the event itself cost.
  machines[m] = { send: (i) => p.runner.run(p.cycle, p.bits, i, i + 1), none: (i) => p.runner.run(p.cycle, p.bits, i, i) };
}
(globalThis as { paths?: unknown }).paths = machines;
