// Links for tests: pairwise keys among a few nodes, each node with its own store (its flash), a log of what each
// rejected, and what each said on its own (challenges, answers), delivered by `prove`.
import { createHmac, randomBytes } from 'node:crypto';
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

export interface TestLink {
  link: Link; store: MemoryStateStore; rejects: string[]; notices: string[]; clock: { t: number };
  /** What the link sent on its own, not yet delivered: its challenges and answers. */
  outbox: { to: string; text: string }[];
  restarts: string[];
}

/** A node's link on a store that survives `restart`; a fresh store starts at epoch `epoch`. Not yet proven. */
export function testLink(node: string, o: { store?: MemoryStateStore; epoch?: number; authorize?: (e: Envelope) => string | undefined } = {}): TestLink {
  const store = o.store ?? new MemoryStateStore();
  if (!o.store) store.put(EPOCH_RECORD, String((o.epoch ?? 1) - 1));
  const rejects: string[] = [], notices: string[] = [], restarts: string[] = [], clock = { t: 0 }, outbox: TestLink['outbox'] = [];
  const link = new Link({
    node, keys: keysOf(node), store, hmac: nodeHmac, now: () => clock.t, windowMs: 2000, authorize: o.authorize,
    send: (to, text) => outbox.push({ to, text }), nonce: () => randomBytes(16).toString('hex'),
    onReject: (r: Rejection, from, detail) => rejects.push(`${r} from ${from}: ${detail}`), onNotice: (d) => notices.push(d),
    onPeerRestart: (peer, epoch) => restarts.push(`${peer} ${epoch}`),
  });
  return { link, store, rejects, notices, clock, outbox, restarts };
}

/** Delivers what these links say on their own to one another until it stops. */
export function deliver(...links: TestLink[]): void {
  for (let busy = true; busy;) {
    busy = false;
    for (const from of links) {
      for (const m of from.outbox.splice(0)) {
        busy = true;
        for (const to of links) if (to !== from && (m.to === '*' || m.to === to.link.node)) to.link.open(m.text);
      }
    }
  }
}

/** Each link's challenge answered by the others; a window passes (and is ticked) for those still short of answers. */
export function prove(...links: TestLink[]): void {
  deliver(...links);
  for (const l of links) if (l.link.recovering) { l.clock.t += 2000; l.link.tick(); }
  deliver(...links);
}

/** Two links that have heard each other once, so their MACs are bound to each other's epochs. */
export function introduce(...links: Link[]): void {
  for (const a of links) for (const b of links) if (a !== b) b.open(a.seal('*', 'report', { machines: {}, facts: {}, heard: {} }));
}
