// The bus's link on Moddable's XS engine: a genuine message accepted once, and garbage (a `__proto__` sender, a
// deep body, bad UTF-8) rejected without throwing, exactly as on Node.
import { describe, expect, it } from 'vitest';
import { check } from '../../bench/net/entry';
import { bundleForXs } from '../../bench/xs/bundle';
import { replyScript, XsWorker } from '../../bench/xs/worker';

describe('the link on XS', () => {
  it('accepts a genuine message once and refuses garbage without throwing, as on Node', async () => {
    expect(check()).toEqual([]);
    const worker = XsWorker.start('net check');
    try {
      await worker.evaluate(await bundleForXs('bench/net/entry.ts'));
      expect(JSON.parse((await worker.evaluate(replyScript('netBench.check()'))).text)).toEqual([]);
    } finally { await worker.close(); }
  }, 60_000);
});
