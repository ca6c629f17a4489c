// The device node's code on Moddable's XS engine (xsnap), as CI can run it: six nodes each started as a board
// starts them, through a red alert with the bay's MQTT connection dropped and the broker down for 4 s. XS and
// Node give the same trace, byte for byte, and the run itself is right.
import { describe, expect, it } from 'vitest';
import { shippedScenarioInputs } from '../../bench/xs/inputs';
import { bundleForXs } from '../../bench/xs/bundle';
import { replyScript, XsWorker } from '../../bench/xs/worker';
import { deviceRun } from './device-node-entry';

describe('device nodes on XS', () => {
  it('run a red alert through a dropped connection and a broker outage exactly as on Node', async () => {
    const { boards } = shippedScenarioInputs();
    const onNode = JSON.parse(JSON.stringify(deviceRun(boards))) as {
      trace: { machine: string; to?: string }[]; whileDown: { connected: string[] }; end: Record<string, string>;
      epochs: Record<string, number>; connected: string[]; records: Record<string, { epoch: string }>; bayKpa: number; violations: unknown[];
    };
    // The run itself: every node reconnected, the bay vented, the deck claimed ready, airlock B was recalled.
    expect(onNode.whileDown.connected).toEqual([]);
    expect(onNode.connected).toEqual(['airlock-a', 'airlock-b', 'airlock-c', 'airlock-d', 'bay', 'bridge']);
    expect(onNode.end).toMatchObject({ 'battle deck': 'ready', 'bay environment': 'hostile', 'airlock B': 'inner open' });
    expect(onNode.bayKpa).toBeLessThan(1);
    expect(onNode.epochs.bay).toBe(1);
    expect(onNode.records.bay!.epoch).toBe('1');
    expect(onNode.violations).toEqual([]);

    const worker = XsWorker.start('device nodes');
    try {
      await worker.evaluate(await bundleForXs('test/xs/device-node-entry.ts'));
      const onXs = JSON.parse((await worker.evaluate(replyScript(`deviceRun(${JSON.stringify(boards)})`))).text);
      expect(onXs.trace.length).toBe(onNode.trace.length);
      expect(onXs).toEqual(onNode);
    } finally {
      await worker.close();
    }
  }, 240_000);
});
