// Times the implementations interleaved, round by round (the order rotating each round), on the same replayable
// cycle of legal events; reports each one's median events per second. Shared by the Node and the XS runs.
import { airlock, bayDoor } from '../../firmware/machines';
import { createHooks, type Implementation, type MachineName, type Runner } from './hooks';
import { ours } from './ours';
import { robot3 } from './robot3-machines';
import { legalStream, type Stream } from './stream';
import { xstate } from './xstate-machines';

export const implementations: { [name: string]: Implementation } = { ours, xstate, robot3 };
export const machineNames: readonly MachineName[] = ['airlock', 'bay door'];
/** The seed of the event streams: fixed, so every run (and both engines) times the same events. */
const STREAM_SEED = 20240601;
const WARM_UP_ROUNDS = 5;

export function streams(): { [M in MachineName]: Stream } {
  return { 'airlock': legalStream(airlock as never, STREAM_SEED), 'bay door': legalStream(bayDoor as never, STREAM_SEED) };
}

/** A runner placed at the start of its stream's cycle, with the cycle prepared: ready to replay it. */
export interface Prepared { runner: Runner; cycle: unknown; bits: Uint8Array; length: number }

export function prepare(impl: Implementation, which: MachineName, stream: Stream): Prepared {
  const runner = impl(which, { bits: 0 }, createHooks());
  // The env the runner reads is the one it was made with: run() sets its bits before every event.
  const prefix = runner.prepare(stream.prefix);
  runner.run(prefix, stream.prefixBits, 0, stream.prefix.length);
  return { runner, cycle: runner.prepare(stream.cycle), bits: stream.cycleBits, length: stream.cycle.length };
}

/** Replays whole cycles for at least `ms`; returns events per second. */
function timeCycles(p: Prepared, ms: number, now: () => number): number {
  const start = now();
  let events = 0, elapsed = 0;
  do {
    p.runner.run(p.cycle, p.bits, 0, p.length);
    events += p.length;
    elapsed = now() - start;
  } while (elapsed < ms);
  return (events * 1000) / elapsed;
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface DispatchOptions { rounds: number; roundMs: number; now(): number }
/** Median events per second per implementation and machine, and `both`: the rate of an even mix of the two. */
export type DispatchResult = { [impl: string]: { [M in MachineName | 'both']: number } };

export function measureDispatch(options: DispatchOptions): DispatchResult {
  const s = streams(), names = Object.keys(implementations);
  const prepared: { [key: string]: Prepared } = {}, rates: { [key: string]: number[] } = {};
  for (const name of names) {
    for (const which of machineNames) {
      const p = prepare(implementations[name], which, s[which]);
      // Warm-up, not counted: long enough for every engine's optimizing compiler to have its say.
      timeCycles(p, WARM_UP_ROUNDS * options.roundMs, options.now);
      prepared[`${name}|${which}`] = p; rates[`${name}|${which}`] = [];
    }
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      for (const which of machineNames) rates[`${name}|${which}`].push(timeCycles(prepared[`${name}|${which}`], options.roundMs, options.now));
    }
  }
  const result: DispatchResult = {};
  for (const name of names) {
    const a = median(rates[`${name}|airlock`]), d = median(rates[`${name}|bay door`]);
    result[name] = { 'airlock': a, 'bay door': d, 'both': 2 / (1 / a + 1 / d) };
  }
  return result;
}
