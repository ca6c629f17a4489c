// The XS half of `npm run bench`: dispatch rates in one xsnap worker, and allocation per event counted in heap slots
// (`currentHeapCount` after each evaluation): collect, send N events, and take the growth, less that of sending none.
import type { MachineName } from '../dispatch/hooks';
import { machineNames, type DispatchResult } from '../dispatch/measure';
import { bundleForXs } from './bundle';
import { replyScript, XsWorker } from './worker';

export interface XsSettings { rounds: number; roundMs: number; allocationEvents: number; soakEvents: number }

export interface XsBenchResult {
  dispatch: DispatchResult;
  /** Slots allocated per event, by implementation and machine. */
  allocations: { [impl: string]: { [M in MachineName]: number } };
  /** Slots our engine's heap grew by over `soakEvents` events, per machine (no collection in between). */
  soakGrowth: { [M in MachineName]: number };
  /** Where XState or robot3 disagree with the firmware's machines on XS (empty when they agree). */
  disagreements: string[];
}

const q = JSON.stringify;

/** Heap slots an evaluation of `bench.run()` leaves behind for `events` events, after a collection. */
async function growth(worker: XsWorker, events: number): Promise<number> {
  const before = await worker.evaluate(`gc(); bench.n = ${events}`);
  const after = await worker.evaluate('bench.run()');
  return after.heapCount - before.heapCount;
}

export async function runXsBench(settings: XsSettings, progress: (line: string) => void = () => {}): Promise<XsBenchResult> {
  const worker = XsWorker.start('launch-bay bench');
  try {
    await worker.evaluate(await bundleForXs('bench/xs/dispatch-entry.ts', { console: true }));
    const disagreements = JSON.parse((await worker.evaluate(replyScript('bench.agree()'))).text) as string[];
    progress('XS: dispatch, interleaved');
    const dispatch = JSON.parse((await worker.evaluate(replyScript(`bench.dispatch(${settings.rounds}, ${settings.roundMs})`))).text) as DispatchResult;
    const allocations: XsBenchResult['allocations'] = {};
    const soakGrowth = {} as XsBenchResult['soakGrowth'];
    for (const impl of ['ours', 'xstate', 'robot3']) {
      allocations[impl] = {} as XsBenchResult['allocations'][string];
      for (const which of machineNames) {
        progress(`XS: allocation, ${impl} ${which}`);
        await worker.evaluate(`bench.prepare(${q(impl)}, ${q(which)})`);
        // Evaluating the script itself takes a few slots: the growth for no events is that overhead.
        const overhead = await growth(worker, 0);
        allocations[impl][which] = (await growth(worker, settings.allocationEvents) - overhead) / settings.allocationEvents;
        if (impl === 'ours') soakGrowth[which] = await growth(worker, settings.soakEvents) - overhead;
      }
    }
    return { dispatch, allocations, soakGrowth, disagreements };
  } finally {
    await worker.close();
  }
}
