// The fixed pseudo-random stream of legal events each implementation is timed on: a warm-up prefix, then a cycle
// that ends where it began (same state and goal), so it can be replayed any number of times without an impossible event.
import { createMachine, type MachineDefinition } from '../../firmware/core';
import { sensorsOf, type Env } from './hooks';

/** Events by name, with the sensor readings to set before each. */
export interface Stream {
  prefix: string[];
  prefixBits: Uint8Array;
  cycle: string[];
  cycleBits: Uint8Array;
}

/** mulberry32: a small seeded generator, identical on every engine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Walks the machine through uniformly chosen legal events (cells that are not `impossible`), flipping a random
 * sensor before a quarter of them; after `prefixLength` events it records where it is, and after at least
 * `minCycle` more it stops at the first return there.
 */
export function legalStream(def: MachineDefinition, seed: number, prefixLength = 64, minCycle = 2048): Stream {
  const env: Env = { bits: 0 };
  const next = random(seed);
  const machine = createMachine(def, {
    sensors: sensorsOf(env),
  });
  const nE = def.events.length, sensorCount = def.sensors.length;
  const events: string[] = [], bits: number[] = [];
  const legal: number[] = [];
  const step = () => {
    if (sensorCount > 0 && next() < 0.25) env.bits ^= 1 << Math.floor(next() * sensorCount);
    legal.length = 0;
    for (let e = 0; e < nE; e++) if (def.cell(machine.state!, def.events[e]).kind !== 'impossible') legal.push(e);
    const event = def.events[legal[Math.floor(next() * legal.length)]];
    events.push(event); bits.push(env.bits);
    machine.handle(event);
  };
  for (let i = 0; i < prefixLength; i++) step();
  const start = `${machine.state}|${machine.goal}`;
  for (let i = 0; i < 1_000_000; i++) {
    step();
    if (i + 1 >= minCycle && `${machine.state}|${machine.goal}` === start) {
      return {
        prefix: events.slice(0, prefixLength), prefixBits: Uint8Array.from(bits.slice(0, prefixLength)),
        cycle: events.slice(prefixLength), cycleBits: Uint8Array.from(bits.slice(prefixLength)),
      };
    }
  }
  throw new Error(`${def.name}: the random walk never came back to ${start}`);
}
