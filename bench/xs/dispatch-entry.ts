// The XS side of the dispatch benchmark: the same interleaved timing as on Node, and a replay of the legal event
// cycle in steps the harness can bracket with gc() and heap counts, to count allocation per event.
import { disagreements } from '../dispatch/agree';
import type { MachineName } from '../dispatch/hooks';
import { implementations, measureDispatch, prepare, streams, type Prepared } from '../dispatch/measure';

declare const performance: { now(): number };

let replay: Prepared | undefined;
let at = 0;

const bench = {
  dispatch: (rounds: number, roundMs: number) => measureDispatch({ rounds, roundMs, now: () => performance.now() }),

  /** Whether XState and robot3 agree with the firmware's machines here too. */
  agree: () => {
    const s = streams(), { ours, ...others } = implementations;
    return (['airlock', 'bay door'] as const).flatMap((m) => disagreements(m, s[m], ours, others));
  },

  /** Places an implementation at the start of its cycle, and replays the cycle twice (first-time costs). */
  prepare(impl: string, which: MachineName) {
    replay = prepare(implementations[impl], which, streams()[which]);
    replay.runner.run(replay.cycle, replay.bits, 0, replay.length);
    replay.runner.run(replay.cycle, replay.bits, 0, replay.length);
    at = 0;
  },

  /** How many events the next run() sends; set in its own evaluation, so run()'s script is always the same. */
  n: 0,

  /** Sends the next `n` events of the cycle, wrapping around: nothing here allocates. */
  run() {
    const p = replay!;
    let left = bench.n;
    while (left > 0) {
      const to = at + left < p.length ? at + left : p.length;
      p.runner.run(p.cycle, p.bits, at, to);
      left -= to - at;
      at = to === p.length ? 0 : to;
    }
  },
};

(globalThis as { bench?: typeof bench }).bench = bench;
