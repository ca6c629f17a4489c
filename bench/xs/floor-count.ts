// The floor's implementations loaded into an XS worker, and their bytecodes per event of the bay door's cycle, counted
// by XS's meter (exact): shared by `bench/xs/floor.ts` and the test that checks its record.
import { bundleForXs } from './bundle';
import { replyScript, type XsWorker } from './worker';

/** Loads bench/xs/floor-entry.ts into `worker`; returns the implementations' names and each one's bytecodes per event. */
export async function loadFloor(worker: XsWorker): Promise<{ names: string[]; bytecodes: number[] }> {
  const call = async (expression: string) => worker.evaluate(replyScript(expression));
  await worker.evaluate(await bundleForXs('bench/xs/floor-entry.ts', { console: true }));
  const names = JSON.parse((await call('floor.names()')).text) as string[];
  const ends = JSON.parse((await call('floor.states()')).text) as string[];
  if (new Set(ends).size !== 1) throw new Error(`the implementations did not end in the same state: ${ends.join(', ')}`);
  const bytecodes = [];
  for (let k = 0; k < names.length; k++) {
    const r = await call(`floor.run(${k}, 1)`);
    bytecodes.push(Math.round((r.compute / Number(r.text)) * 10) / 10);
  }
  return { names, bytecodes };
}
