// What the bus's cryptography costs per message, run on XS (xsnap) and on Node alike: HMAC-SHA256 in plain JS,
// sealing a report for five peers (one MAC each), opening one, and a P-256 scalar multiplication for comparison.
import { Link } from '../../firmware/net/link';
import { decodeUtf8, hmacSha256 } from '../../firmware/net/sha256';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';
import { multiply } from './p256';

declare const performance: { now(): number };

const nodes = ['bridge', 'bay', 'airlock-a', 'airlock-b', 'airlock-c', 'airlock-d'];
const key = (a: string, b: string) => hmacSha256('00'.repeat(32), [a, b].sort().join('|'));
let nonces = 0;
/** Every node's link, each epoch proven by the others' answers (delivered here until quiet). */
function links(): { [node: string]: Link } {
  const all: { [node: string]: Link } = {}, outbox: { from: string; to: string; text: string }[] = [];
  for (const node of nodes) {
    const store = new MemoryStateStore(); store.put(EPOCH_RECORD, '0');
    all[node] = new Link({
      node, keys: new Map(nodes.filter((n) => n !== node).map((p) => [p, key(node, p)])), store, hmac: hmacSha256, now: () => 0,
      send: (to, text) => outbox.push({ from: node, to, text }), nonce: () => (++nonces).toString(16).padStart(32, '0'),
    });
  }
  for (let m = outbox.shift(); m; m = outbox.shift()) for (const n of nodes) if (n !== m.from && (m.to === '*' || m.to === n)) all[n]!.open(m.text);
  return all;
}
const body = {
  machines: { 'bay door': { state: 'closed' }, 'bay environment': { state: 'friendly', goal: 'friendly' } },
  facts: { 'bay kPa': 101.3 }, heard: Object.fromEntries(nodes.map((n) => [n, [12, 34567] as [number, number]])),
};

/** Milliseconds per call, over at least `ms` of calls. */
function time(f: () => void, ms: number): number {
  let n = 0; const start = performance.now();
  while (performance.now() - start < ms) { f(); n++; }
  return (performance.now() - start) / n;
}

export function measure(ms: number) {
  const { bay, bridge } = links() as { bay: Link; bridge: Link };
  bridge.open(bay.seal('*', 'report', body)); bay.open(bridge.seal('*', 'report', body));
  const sealed = bay.seal('*', 'report', body);
  const text = sealed.slice(0, 600), pairKey = key('bay', 'bridge');
  let fresh = bay.seal('bridge', 'report', body);
  const p = multiply(2n);
  if (p[0] !== 0x7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978n) throw new Error('P-256 arithmetic is wrong');
  const k = 0xc9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721n;
  return {
    reportBytes: sealed.length,
    hmacMs: time(() => hmacSha256(pairKey, text), ms),
    sealReportFiveMacsMs: time(() => bay.seal('*', 'report', body), ms),
    openMs: time(() => { bridge.open(fresh); fresh = bay.seal('bridge', 'report', body); }, ms) - time(() => bay.seal('bridge', 'report', body), ms),
    p256ScalarMultiplyMs: time(() => multiply(k), ms * 4),
  };
}

/** The link's guarantees on this engine: a genuine message is accepted once; garbage (a `__proto__` sender, a
 * deep body, bad UTF-8 on the wire) is rejected without throwing. Returns what differed from that, if anything. */
export function check(): string[] {
  const problems: string[] = [];
  const { bay, bridge } = links() as { bay: Link; bridge: Link };
  bridge.open(bay.seal('*', 'report', body)); bay.open(bridge.seal('*', 'report', body));
  const genuine = bridge.seal('bay', 'command', { machine: 'bay door', event: 'close requested' });
  if (!bay.open(genuine)) problems.push('a genuine command was refused');
  if (bay.open(genuine)) problems.push('a replay was accepted');
  const garbage = [
    JSON.stringify({ from: '__proto__', to: '*', kind: 'report', epoch: 1, seq: 1, t: 0, body: { machines: {}, facts: {}, heard: {} }, macs: {} }),
    JSON.stringify({ from: 'constructor', to: '*', kind: 'report', epoch: 1, seq: 1, t: 0, body: { machines: {}, facts: {}, heard: {} }, macs: { bay: [1, 'ab'.repeat(32)] } }),
    `{"from":"bridge","to":"bay","kind":"command","epoch":1,"seq":1,"t":0,"body":${'['.repeat(4000)}${']'.repeat(4000)},"macs":{}}`,
  ];
  for (const text of garbage) {
    try { if (bay.open(text)) problems.push(`accepted ${text.slice(0, 40)}`); } catch (e) { problems.push(`threw ${String(e)} on ${text.slice(0, 40)}`); }
  }
  if (decodeUtf8(new Uint8Array([0xff, 0xbf, 0xbf, 0xbf])) !== undefined) problems.push('bad UTF-8 decoded');
  return problems;
}

(globalThis as { netBench?: unknown }).netBench = { measure, check };
