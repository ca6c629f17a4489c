// The XS side of `npx tsx bench/xs/profile.ts`: the airlock's event cycle sent through each layer of dispatch in
// turn, from the bare loop to the full `handle` with hooks, so the difference between two layers is what the outer
// one costs per event. It uses the engine only through its public interface, so it can time an older one too.
import { createMachine } from '../../firmware/core';
import { airlock } from '../../firmware/machines';
import { createHooks, sensorsOf, type Env } from '../dispatch/hooks';
import { robot3 } from '../dispatch/robot3-machines';
import { prepare, streams } from '../dispatch/measure';

declare const performance: { now(): number };

const stream = streams().airlock, def = airlock;
const events = stream.cycle, bits = stream.cycleBits, n = events.length;

function placed(hooks: boolean) {
  const env: Env = { bits: 0 }, counts = createHooks();
  const m = createMachine(def, hooks
    ? { sensors: sensorsOf(env), pre: () => { counts.pre++; return true; }, post: () => { counts.post++; } }
    : { sensors: sensorsOf(env) } as never);
  for (let i = 0; i < stream.prefix.length; i++) { env.bits = stream.prefixBits[i]; m.handle(stream.prefix[i] as never); }
  return { m, env };
}

const layers: { [name: string]: () => () => void } = {
  'loop only (sensor bits set)': () => { const env: Env = { bits: 0 }; return () => { for (let i = 0; i < n; i++) env.bits = bits[i]; }; },
  // What finding a cell by the event's name costs at least: one lookup in a table without a prototype.
  'event name lookup': () => {
    const env: Env = { bits: 0 }, index = Object.create(null) as { [event: string]: number };
    def.events.forEach((event, e) => { index[event] = e; });
    let x = 0;
    return () => { for (let i = 0; i < n; i++) { env.bits = bits[i]; x += index[events[i]]; } };
  },
  'step, no hooks': () => { const { m, env } = placed(false); return () => { for (let i = 0; i < n; i++) { env.bits = bits[i]; m.step(events[i]); } }; },
  'step, pre and post hook': () => { const { m, env } = placed(true); return () => { for (let i = 0; i < n; i++) { env.bits = bits[i]; m.step(events[i]); } }; },
  'handle (dispatcher), hooks': () => { const { m, env } = placed(true); return () => { for (let i = 0; i < n; i++) { env.bits = bits[i]; m.handle(events[i] as never); } }; },
  'robot3, hooks': () => { const p = prepare(robot3, 'airlock', stream); return () => p.runner.run(p.cycle, p.bits, 0, p.length); },
};

const prepared: (() => void)[] = [];

/** The layers' names, each prepared (placed at the start of its cycle, and warmed up). */
function setUp(): string[] {
  for (const name of Object.keys(layers)) { const run = layers[name](); for (let k = 0; k < 20; k++) run(); prepared.push(run); }
  return Object.keys(layers);
}

/** Sends layer `k`'s cycle `cycles` times; the host times the evaluation in the worker's CPU time. */
function run(k: number, cycles: number): number {
  for (let c = 0; c < cycles; c++) prepared[k]();
  return cycles * n;
}

(globalThis as { profile?: unknown }).profile = { setUp, run };
