// Runs scenarios on Node and, from one bundle, in one XS worker, for the tests that require identical traces.
import { bundleForXs } from './bundle';
import { runScenarios, type ScenarioInputs, type ScenarioOutcome } from './scenarios';
import { replyScript, XsWorker } from './worker';

export interface Compared { file: string; node: ScenarioOutcome; xs: ScenarioOutcome }

/** Every scenario of `inputs` on both engines, in order. */
export async function runOnNodeAndXs(inputs: ScenarioInputs): Promise<Compared[]> {
  const worker = XsWorker.start('launch-bay scenarios');
  try {
    await worker.evaluate(await bundleForXs('bench/xs/scenario-entry.ts'));
    const xs = JSON.parse((await worker.evaluate(replyScript(`runScenarios(${JSON.stringify(inputs)})`))).text) as ScenarioOutcome[];
    const node = runScenarios(inputs);
    return node.map((n, i) => ({ file: n.file, node: n, xs: xs[i] }));
  } finally {
    await worker.close();
  }
}
