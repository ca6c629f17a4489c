// One node's end of the bus: it seals what it sends (one MAC per recipient, under the key only that pair shares,
// bound to the recipient's epoch) and judges what it receives: shape, sender, MAC, freshness, authority. A
// rejected message is counted and reported, never thrown. It keeps the replay windows in the node's state store,
// answers its peers' challenges, and hands its own epoch (own-epoch.ts) the answers to its own. Until that epoch is
// proven and persisted it accepts nothing, so nothing recorded before its boot can count.
import { boundText, canonical, type AnswerBody, type ChallengeBody, type Envelope, type MessageKind, type ReportBody } from './envelope';
import { constantTimeEqual, type HmacSha256 } from './hmac';
import { MAX_EPOCH_JUMP, OwnEpoch } from './own-epoch';
import { parseEnvelope } from './parse';
import { loadPeers, savePeers, type NodeStateStore } from './state-store';

export type Rejection = 'malformed' | 'unknown sender' | 'bad MAC' | 'stale' | 'replayed' | 'implausible epoch' | 'unauthorized';
const rejections: readonly Rejection[] = ['malformed', 'unknown sender', 'bad MAC', 'stale', 'replayed', 'implausible epoch', 'unauthorized'];

export { MAX_EPOCH_JUMP };
/** Heartbeats between writes of the replay windows when no peer's epoch moved. */
export const FLUSH_EVERY = 10;

export interface LinkOptions {
  node: string;
  /** The key this node shares with each peer (one per pair), and nothing else. */
  keys: Map<string, string>;
  store: NodeStateStore;
  hmac: HmacSha256;
  now(): number;
  /** Sends what the link says on its own: its challenges, and its answers to its peers'. */
  send(to: string, text: string): void;
  /** A fresh nonce, 32 hex digits from the platform's random source (node:crypto on the host, `rng` on a board). */
  nonce(): string;
  /** How long a challenge waits for every peer's answer (2T; default 2000 ms). */
  windowMs?: number;
  /** Who may say what: a reason to refuse an authentic message, or undefined. */
  authorize?(e: Envelope): string | undefined;
  onReject?(reason: Rejection, from: string, detail: string): void;
  /** What happened to this node's own epoch: lost state, recovery, a refused jump, a failed write. */
  onNotice?(detail: string): void;
  /** This node's epoch is proven and persisted (at boot, or moved past a used one while running). */
  onEpoch?(epoch: number): void;
  /** A peer was heard under a later epoch than before: it restarted. Told once per new epoch, on a fresh message. */
  onPeerRestart?(peer: string, epoch: number): void;
}

const own = <T>(o: { [k: string]: T }, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const newer = (a: [number, number], b: [number, number] | undefined) => !b || a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export class Link {
  /** This node's own epoch and seq. */
  private readonly self: OwnEpoch;
  /** Each peer's epoch as this node knows it: what its MACs to that peer are bound to. */
  private readonly peerEpoch = new Map<string, number>();
  /** The last (epoch, seq) accepted from each peer: the replay window, persisted by `tick`. */
  private readonly heardFrom: Map<string, [number, number]>;
  /** Each peer's key fingerprint, stored with its window. */
  private readonly fingerprints = new Map<string, string>();
  /** The windows moved since the last write; a window's epoch changed since the last write. */
  private dirty = false;
  private epochsMoved = false;
  private flushes = 0;
  readonly rejected = Object.fromEntries(rejections.map((r) => [r, 0])) as { [R in Rejection]: number };
  accepted = 0;

  constructor(private readonly o: LinkOptions) {
    this.self = new OwnEpoch({
      store: o.store, peers: o.keys.size, now: o.now, windowMs: o.windowMs ?? 2000, nonce: o.nonce,
      challenge: (nonce) => o.send('*', this.seal('*', 'challenge', { nonce })),
      notice: (d) => this.notice(d), onEpoch: (epoch) => o.onEpoch?.(epoch),
    });
    // Eight hex digits of a MAC under the pair key: which key a stored window belongs to, revealing nothing of it.
    for (const [peer, key] of o.keys) this.fingerprints.set(peer, o.hmac(key, 'launchbay replay window').slice(0, 8));
    this.heardFrom = loadPeers(o.store, this.fingerprints);
    for (const [peer, [epoch]] of this.heardFrom) this.peerEpoch.set(peer, epoch);
    this.self.begin();
  }

  get node(): string { return this.o.node; }
  get epoch(): number { return this.self.epoch; }
  /** True until this boot's epoch is proven by its peers' answers and persisted (and again while a new one waits to
   * be persisted): nothing is accepted meanwhile, and nothing but challenges and answers should be sent. */
  get recovering(): boolean { return !this.self.ready; }
  /** Its epoch record was missing or unreadable at boot. */
  get lostRecord(): boolean { return this.self.lost; }
  /** The seq the next message will carry. */
  get nextSeq(): number { return this.self.seq + 1; }
  /** The last (epoch, seq) accepted from each peer, as a report carries it. */
  get heard(): { [node: string]: [number, number] } {
    const record: { [node: string]: [number, number] } = {};
    for (const [peer, v] of this.heardFrom) record[peer] = [v[0], v[1]];
    return record;
  }

  /** The message as text, with a MAC for each recipient this node shares a key with. */
  seal(to: string, kind: MessageKind, body: Envelope['body']): string {
    const e = { from: this.o.node, to, kind, epoch: this.self.epoch, seq: ++this.self.seq, t: this.o.now(), body };
    const text = canonical(e), macs: Envelope['macs'] = {};
    for (const [peer, key] of this.o.keys) {
      if (to !== '*' && to !== peer) continue;
      const bound = this.peerEpoch.get(peer) ?? 0;
      macs[peer] = [bound, this.o.hmac(key, boundText(text, peer, bound))];
    }
    return JSON.stringify({ ...e, macs });
  }

  /** The envelope if it is well formed, authentic, bound to this boot, newer than anything before from its
   * sender, and within the sender's authority; else undefined (counted and reported unless it was not ours). */
  open(text: unknown): Envelope | undefined {
    const parsed = parseEnvelope(text);
    if (!parsed.envelope) return this.reject('malformed', parsed.from, parsed.error);
    const e = parsed.envelope, from = e.from;
    // Our own broadcast echoed by a broker, or a message for another node: not ours to judge.
    if (from === this.o.node || (e.to !== '*' && e.to !== this.o.node)) return undefined;
    const key = this.o.keys.get(from);
    if (key === undefined) return this.reject('unknown sender', from, 'no key shared with it');
    const entry = own(e.macs, this.o.node);
    if (!entry) return this.reject('bad MAC', from, 'no MAC for this node');
    if (!constantTimeEqual(this.o.hmac(key, boundText(canonical(e), this.o.node, entry[0])), entry[1])) {
      return this.reject('bad MAC', from, `${e.kind} ${e.epoch}/${e.seq}`);
    }
    // Authentic: only `from` (or this node) holds the key. A challenge or an answer is proof traffic, never a claim
    // to act on: it touches no window and no binding.
    if (e.kind === 'challenge') return this.answer(from, (e.body as ChallengeBody).nonce);
    if (e.kind === 'answer') {
      const a = e.body as AnswerBody;
      if (this.self.answered(from, a.nonce, a.epoch, a.seq)) return undefined;
      // Late to a challenge this boot already decided: counted, not logged (a slow peer is not a fault).
      if (this.self.late(a.nonce)) return this.count('stale');
      return this.reject('replayed', from, `answer ${e.epoch}/${e.seq} to no challenge this node has open`);
    }
    const known = this.peerEpoch.get(from);
    if (known !== undefined && e.epoch > known + MAX_EPOCH_JUMP) {
      return this.reject('implausible epoch', from, `epoch ${e.epoch} after ${known}: refused`);
    }
    if (known === undefined || e.epoch > known) this.peerEpoch.set(from, e.epoch);
    // Not proven and persisted yet: nothing can be shown fresh. Counted, not logged: every boot has some.
    if (!this.self.ready) return this.count('stale');
    if (entry[0] !== this.self.epoch) {
      if (entry[0] > this.self.epoch) this.self.suspect();
      // Bound to 0: its sender had not heard this boot yet (it has now); counted, not logged: every boot has some.
      const detail = `${e.kind} ${e.epoch}/${e.seq} made for this node's epoch ${entry[0]}, not ${this.self.epoch}`;
      return entry[0] === 0 ? this.count('stale') : this.reject('stale', from, detail);
    }
    const last = this.heardFrom.get(from);
    if (!newer([e.epoch, e.seq], last)) return this.reject('replayed', from, `${e.epoch}/${e.seq} after ${last![0]}/${last![1]}`);
    this.heardFrom.set(from, [e.epoch, e.seq]);
    this.dirty = true;
    if (!last || e.epoch > last[0]) this.epochsMoved = true;
    const refusal = this.o.authorize?.(e);
    if (refusal) return this.reject('unauthorized', from, refusal);
    if (e.kind === 'report') {
      const h = own((e.body as ReportBody).heard, this.o.node);
      if (h && (h[0] > this.self.epoch || (h[0] === this.self.epoch && h[1] > this.self.seq))) this.self.suspect();
    }
    // Fresh (bound to this proven boot) and from a later epoch than the last heard: the peer restarted since.
    if (last && e.epoch > last[0]) this.o.onPeerRestart?.(from, e.epoch);
    this.accepted++;
    return e;
  }

  /** Called every heartbeat: decides what peers said of this node's epoch, and writes the replay windows when a
   * peer's epoch moved, else every FLUSH_EVERY calls at most (flash wears; the receiver-bound MACs, not these
   * windows, are what keep old messages out). */
  tick(): void {
    this.self.tick();
    if (!this.dirty || (!this.epochsMoved && ++this.flushes < FLUSH_EVERY)) return;
    this.dirty = this.epochsMoved = false;
    this.flushes = 0;
    try { savePeers(this.o.store, this.heardFrom, this.fingerprints); } catch (e) { this.notice(`cannot store the replay windows (${(e as Error).message})`); }
  }

  /** Answers a peer's challenge with what this node knows of it; a replayed challenge gets an answer its
   * challenger no longer waits for. Never accepted as a message. */
  private answer(peer: string, nonce: string): undefined {
    const epoch = this.peerEpoch.get(peer) ?? 0, w = this.heardFrom.get(peer);
    this.o.send(peer, this.seal(peer, 'answer', { nonce, epoch, seq: w && w[0] === epoch ? w[1] : 0 }));
    return undefined;
  }

  private notice(detail: string): void { this.o.onNotice?.(detail); }

  private count(reason: Rejection): undefined { this.rejected[reason]++; return undefined; }

  private reject(reason: Rejection, from: string, detail: string): undefined {
    this.rejected[reason]++;
    this.o.onReject?.(reason, from, detail);
    return undefined;
  }
}
