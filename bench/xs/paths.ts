// `npx tsx bench/xs/paths.ts [--before DIR]`: what each event of the bench's cycles costs our engine on XS (xsnap),
// counted by XS's own meter (bytecodes run) rather than timed, so the count is exact and the machine's load does not
// move it; grouped by the kind of cell the event met. On this machine a bytecode is about 3 ns; a call (about 12 of
// them) and a `try` (about 25, and a malloc) cost more in time than their count says.
// --before DIR counts another copy of firmware/core too (its machines are this tree's), e.g. an older commit's.
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { createHooks, sensorsOf, type Env } from '../dispatch/hooks';
import { streams } from '../dispatch/measure';
import { createMachine, type MachineDefinition } from '../../firmware/core';
import { airlock, bayDoor } from '../../firmware/machines';
import { bundleForXs, repoRoot } from './bundle';
import { XsWorker } from './worker';

const args = process.argv.slice(2), at = args.indexOf('--before');
const ownCore = join(repoRoot, 'firmware/core');
const engines = [{ label: 'after', dir: ownCore }, ...(at >= 0 ? [{ label: 'before', dir: resolve(args[at + 1]) }] : [])];
const useEngine = (dir: string): Plugin => ({
  name: 'engine',
  setup(build) {
    build.onResolve({ filter: /core$/ }, (a) => (resolve(a.resolveDir, a.path) === ownCore ? { path: join(dir, 'index.ts') } : undefined));
  },
});

// Each event's kind of cell, and whether it moved the machine, from the engine on Node.
function kinds(def: MachineDefinition, stream: ReturnType<typeof streams>['airlock']): string[] {
  const env: Env = { bits: 0 }, hooks = createHooks();
  const m = createMachine(def, { sensors: sensorsOf(env), pre: () => { hooks.pre++; return true; }, post: () => { hooks.post++; } });
  for (let i = 0; i < stream.prefix.length; i++) { env.bits = stream.prefixBits[i]; m.handle(stream.prefix[i]); }
  return stream.cycle.map((event, i) => {
    env.bits = stream.cycleBits[i];
    const from = m.state, kind = def.cell(from!, event).kind, goal = def.setsGoal[event] ? ', sets the goal' : '';
    m.handle(event);
    return `${kind}${goal}${m.state !== from ? ', moves' : ''}`;
  });
}

const worker = XsWorker.start('launch-bay paths');
try {
  const s = streams();
  for (const { label, dir } of engines) {
    await worker.evaluate(await bundleForXs('bench/xs/paths-entry.ts', { console: true, plugins: [useEngine(dir)] }));
    for (const [name, def] of [['airlock', airlock], ['bay door', bayDoor]] as const) {
      const stream = s[name], kind = kinds(def as never, stream), groups = new Map<string, number[]>();
      let total = 0;
      for (let i = 0; i < stream.cycle.length; i++) {
        const send = (await worker.evaluate(`paths[${JSON.stringify(name)}].send(${i})`)).compute;
        const none = (await worker.evaluate(`paths[${JSON.stringify(name)}].none(${i})`)).compute;
        if (!groups.has(kind[i])) groups.set(kind[i], []);
        groups.get(kind[i])!.push(send - none); total += send - none;
      }
      console.log(`${label}, ${name}: ${(total / stream.cycle.length).toFixed(1)} bytecodes per event (the bench's loop, hooks and sensors included)`);
      for (const [k, v] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
        const sum = v.reduce((x, y) => x + y, 0);
        console.log(`  ${k.padEnd(34)} ${String(v.length).padStart(5)} events  ${(sum / v.length).toFixed(0).padStart(4)} each  ${(sum / total * 100).toFixed(0).padStart(3)} % of the total`);
      }
    }
  }
} finally {
  await worker.close();
}
