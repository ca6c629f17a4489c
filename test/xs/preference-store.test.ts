// The Preference-backed node state store runs on XS (xsnap) exactly as on Node: same pieces, same flash contents,
// same reads after a power cut at every point of a put.
import { describe, expect, it } from 'vitest';
import { bundleForXs } from '../../bench/xs/bundle';
import { replyScript, XsWorker } from '../../bench/xs/worker';
import { exercise } from './preference-store-entry';

const record = JSON.stringify({ bridge: [3, 41122], 'airlock-a': [12, 9], 'bay-é': [4, 1234567], note: 'épée-€-😀'.repeat(5) });

describe('the Preference store on XS', () => {
  it('cuts, writes, survives power cuts and reads back exactly as on Node', async () => {
    const worker = XsWorker.start('preference store');
    try {
      await worker.evaluate(await bundleForXs('test/xs/preference-store-entry.ts'));
      const onXs = JSON.parse((await worker.evaluate(replyScript(`exercise(${JSON.stringify(record)})`))).text);
      const onNode = JSON.parse(JSON.stringify(exercise(record))) as { reads: (string | null)[] };
      expect(onXs).toEqual(onNode);
      // The put completes only on the last attempt; every cut before it leaves the old record.
      expect(onNode.reads.slice(0, -1).every((r) => r === '{"old":[1,2]}')).toBe(true);
      expect(onNode.reads.at(-1)).toBe(record);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
