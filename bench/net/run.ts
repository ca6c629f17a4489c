// `npx tsx bench/net/run.ts`: the bus's cryptography per message on Node and on XS (xsnap), for docs/BENCHMARKS.md
// and the choice of pairwise HMAC over signatures (docs/PROTOCOL.md).
import { bundleForXs } from '../xs/bundle';
import { replyScript, xsVersion, XsWorker } from '../xs/worker';
import { measure } from './entry';

const round = (x: number) => Number(x.toPrecision(3));
const show = (r: ReturnType<typeof measure>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]));

console.log('Node', process.version, show(measure(300)));
const worker = XsWorker.start('net bench');
try {
  await worker.evaluate(await bundleForXs('bench/net/entry.ts'));
  const xs = JSON.parse((await worker.evaluate(replyScript('netBench.measure(300)'))).text);
  console.log(`XS ${xsVersion()} (xsnap)`, show(xs));
} finally { await worker.close(); }
