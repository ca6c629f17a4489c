// One node's end of the bus: it seals what it sends (one MAC per recipient, under the key only that pair shares,
// bound to the recipient's epoch) and judges what it receives: shape, sender, MAC, freshness, authority. A
// rejected message is counted and reported, never thrown. It also keeps this node's epoch and replay windows in
// its state store, and recovers a lost epoch from what its peers prove they heard.
import { boundText, canonical, type Envelope, type MessageKind } from './envelope';
import { constantTimeEqual, type HmacSha256 } from './hmac';
import { parseEnvelope } from './parse';
import { bootEpoch, EPOCH_RECORD, loadPeers, savePeers, type NodeStateStore } from './state-store';

export type Rejection = 'malformed' | 'unknown sender' | 'bad MAC' | 'stale' | 'replayed' | 'implausible epoch' | 'unauthorized';
export const rejections: readonly Rejection[] = ['malformed', 'unknown sender', 'bad MAC', 'stale', 'replayed', 'implausible epoch', 'unauthorized'];

/** How far a peer's epoch may move past what this node knew of it in one step: boot counts rise by one a boot. */
export const MAX_EPOCH_JUMP = 1000;
/** Heartbeats between writes of the replay windows when no peer's epoch moved. */
export const FLUSH_EVERY = 10;

export interface LinkOptions {
  node: string;
  /** The key this node shares with each peer (one per pair), and nothing else. */
  keys: Map<string, string>;
  store: NodeStateStore;
  hmac: HmacSha256;
  now(): number;
  /** Who may say what: a reason to refuse an authentic message, or undefined. */
  authorize?(e: Envelope): string | undefined;
  onReject?(reason: Rejection, from: string, detail: string): void;
  /** What happened to this node's own epoch: lost state, recovery, a refused jump, a failed write. */
  onNotice?(detail: string): void;
  /** This node's epoch changed while running (recovered or found to be behind). */
  onEpoch?(epoch: number): void;
}

const own = <T>(o: { [k: string]: T }, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const newer = (a: [number, number], b: [number, number] | undefined) => !b || a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export class Link {
  private seq = 0;
  private ownEpoch: number;
  /** True from a boot with a lost or unreadable epoch record until a peer shows which epoch this node had reached
   * (or every peer shows it knows none): until then nothing received can be proven fresh, so nothing is accepted. */
  recovering: boolean;
  /** Each peer's epoch as this node knows it: what its MACs to that peer are bound to. */
  private readonly peerEpoch = new Map<string, number>();
  /** The last (epoch, seq) accepted from each peer: the replay window, persisted by `flush`. */
  private readonly heardFrom: Map<string, [number, number]>;
  /** The windows moved since the last write; a peer's epoch changed since the last write. */
  private dirty = false;
  private epochsMoved = false;
  private flushes = 0;
  /** Peers that showed, while this node recovered, that they know no epoch of it (they bound their MAC to 0). */
  private readonly strangers = new Set<string>();
  readonly rejected = Object.fromEntries(rejections.map((r) => [r, 0])) as { [R in Rejection]: number };
  accepted = 0;

  constructor(private readonly o: LinkOptions) {
    let boot;
    try { boot = bootEpoch(o.store); } catch (e) { boot = { epoch: 1, lost: `cannot store the epoch (${(e as Error).message})` }; }
    this.ownEpoch = boot.epoch;
    this.recovering = boot.lost !== undefined;
    if (boot.lost) this.notice(`${boot.lost}: deaf until a peer shows the epoch this node had reached`);
    this.heardFrom = loadPeers(o.store, o.keys.keys());
    for (const [peer, [epoch]] of this.heardFrom) this.peerEpoch.set(peer, epoch);
  }

  get node(): string { return this.o.node; }
  get epoch(): number { return this.ownEpoch; }
  /** The seq the next message will carry. */
  get nextSeq(): number { return this.seq + 1; }
  /** The last (epoch, seq) accepted from each peer, as a report carries it. */
  get heard(): { [node: string]: [number, number] } {
    const record: { [node: string]: [number, number] } = {};
    for (const [peer, v] of this.heardFrom) record[peer] = [v[0], v[1]];
    return record;
  }

  /** The message as text, with a MAC for each recipient this node shares a key with. */
  seal(to: string, kind: MessageKind, body: Envelope['body']): string {
    const e = { from: this.o.node, to, kind, epoch: this.ownEpoch, seq: ++this.seq, t: this.o.now(), body };
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
    // Authentic: only `from` (or this node) holds the key.
    this.heardOfMe(from, entry[0], 0);
    const known = this.peerEpoch.get(from);
    if (known !== undefined && e.epoch > known + MAX_EPOCH_JUMP) {
      return this.reject('implausible epoch', from, `epoch ${e.epoch} after ${known}: refused`);
    }
    if (known === undefined || e.epoch > known) { this.peerEpoch.set(from, e.epoch); this.dirty = this.epochsMoved = true; }
    if (this.recovering || entry[0] !== this.ownEpoch) {
      // Bound to 0: its sender had not heard this boot yet (it has now); counted, not logged: every boot has some.
      const detail = `${e.kind} ${e.epoch}/${e.seq} made for this node's epoch ${entry[0]}, not ${this.recovering ? 'its lost one' : this.ownEpoch}`;
      return entry[0] === 0 ? this.count('stale') : this.reject('stale', from, detail);
    }
    const last = this.heardFrom.get(from);
    if (!newer([e.epoch, e.seq], last)) return this.reject('replayed', from, `${e.epoch}/${e.seq} after ${last![0]}/${last![1]}`);
    this.heardFrom.set(from, [e.epoch, e.seq]);
    this.dirty = true;
    const refusal = this.o.authorize?.(e);
    if (refusal) return this.reject('unauthorized', from, refusal);
    if (e.kind === 'report') {
      const h = own((e.body as { heard: { [n: string]: [number, number] } }).heard, this.o.node);
      if (h) this.heardOfMe(from, h[0], h[1]);
    }
    this.accepted++;
    return e;
  }

  /** Called every heartbeat: writes the replay windows when a peer's epoch moved, else every FLUSH_EVERY calls
   * at most (flash wears; the receiver-bound MACs, not these windows, are what keep old messages out). */
  flush(): void {
    if (!this.dirty || (!this.epochsMoved && ++this.flushes < FLUSH_EVERY)) return;
    this.dirty = this.epochsMoved = false;
    this.flushes = 0;
    try { savePeers(this.o.store, this.heardFrom); } catch (e) { this.notice(`cannot store the replay windows (${(e as Error).message})`); }
  }

  /** Ends a recovery nobody answered (every node lost its state, or a first boot): the provisional epoch stands. */
  endRecovery(): void {
    if (!this.recovering) return;
    this.recovering = false;
    this.notice(`no peer knew this node: epoch ${this.ownEpoch} stands`);
    this.o.onEpoch?.(this.ownEpoch);
  }

  /** An authentic peer showed it had heard this node at (epoch, seq): a recovering node takes the next epoch; a
   * node whose epoch or seq is behind that (its record was restored from an older copy) moves past it. */
  private heardOfMe(peer: string, epoch: number, seq: number): void {
    if (epoch === 0) {
      // Every peer knows nothing of this node: nobody can hold anything of an earlier epoch against it.
      if (this.recovering && this.strangers.add(peer).size === this.o.keys.size) this.endRecovery();
      return;
    }
    if (this.recovering) { this.adopt(epoch + 1, `recovered from ${peer}, which had heard epoch ${epoch}`); return; }
    if (epoch < this.ownEpoch || (epoch === this.ownEpoch && seq <= this.seq)) return;
    if (epoch + 1 - this.ownEpoch > MAX_EPOCH_JUMP) { this.notice(`${peer} claims it heard this node at epoch ${epoch}: implausible, ignored`); return; }
    this.adopt(epoch + 1, `${peer} had heard ${epoch}/${seq}: this node's epoch record was behind`);
  }

  private adopt(epoch: number, why: string): void {
    this.recovering = false;
    this.ownEpoch = epoch;
    this.seq = 0;
    try { this.o.store.put(EPOCH_RECORD, String(epoch)); } catch (e) { this.notice(`cannot store the epoch (${(e as Error).message})`); }
    this.notice(`epoch ${epoch}: ${why}`);
    this.o.onEpoch?.(epoch);
  }

  private notice(detail: string): void { this.o.onNotice?.(detail); }

  private count(reason: Rejection): undefined { this.rejected[reason]++; return undefined; }

  private reject(reason: Rejection, from: string, detail: string): undefined {
    this.rejected[reason]++;
    this.o.onReject?.(reason, from, detail);
    return undefined;
  }
}
