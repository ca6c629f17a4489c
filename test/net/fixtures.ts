// Links for tests: pairwise keys among a few nodes, each node with its own store (its flash), and a log of what
// each rejected.
import { createHmac } from 'node:crypto';
import type { Envelope } from '../../firmware/net/envelope';
import { Link, type Rejection } from '../../firmware/net/link';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';

export const nodeHmac = (key: string, m: string) => createHmac('sha256', Buffer.from(key, 'hex')).update(m, 'utf8').digest('hex');
export const directory = new Map([['battle deck', 'bridge'], ['bay door', 'bay'], ['bay environment', 'bay'], ['airlock B', 'airlock-b']]);
const NODES = ['bridge', 'bay', 'airlock-b'];

/** One key per pair, derived from the pair's names: deterministic, and each node gets only its own. */
export function keysOf(node: string, nodes = NODES): Map<string, string> {
  return new Map(nodes.filter((n) => n !== node).map((peer) => [peer, nodeHmac('00'.repeat(32), [node, peer].sort().join('|'))]));
}

export interface TestLink { link: Link; store: MemoryStateStore; rejects: string[]; notices: string[]; clock: { t: number } }

/** A node's link on a store that survives `restart`; a fresh store starts at epoch `epoch`. */
export function testLink(node: string, o: { store?: MemoryStateStore; epoch?: number; authorize?: (e: Envelope) => string | undefined } = {}): TestLink {
  const store = o.store ?? new MemoryStateStore();
  if (!o.store) store.put(EPOCH_RECORD, String((o.epoch ?? 1) - 1));
  const rejects: string[] = [], notices: string[] = [], clock = { t: 0 };
  const link = new Link({
    node, keys: keysOf(node), store, hmac: nodeHmac, now: () => clock.t, windowMs: 2000, authorize: o.authorize,
    onReject: (r: Rejection, from, detail) => rejects.push(`${r} from ${from}: ${detail}`), onNotice: (d) => notices.push(d),
  });
  return { link, store, rejects, notices, clock };
}

/** Two links that have heard each other once, so their MACs are bound to each other's epochs. */
export function introduce(...links: Link[]): void {
  for (const a of links) for (const b of links) if (a !== b) b.open(a.seal('*', 'report', { machines: {}, facts: {}, heard: {} }));
}
