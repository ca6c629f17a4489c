// One node's end of the bus: it seals what it sends and judges what it receives (signature, sender, freshness
// of (epoch, seq)). A rejected message is counted and reported, never thrown.
import { canonical, type Envelope, type MessageKind } from './envelope';
import { constantTimeEqual, type HmacSha256 } from './hmac';

export type Rejection = 'malformed' | 'unknown sender' | 'bad MAC' | 'replayed';

export interface LinkOptions {
  node: string;
  /** Every node's key (hex), this one's included: a receiver checks each sender under the sender's key. */
  keyring: { [node: string]: string };
  epoch: number;
  hmac: HmacSha256;
  now(): number;
  onReject?(reason: Rejection, from: string, detail: string): void;
}

export class Link {
  private seq = 0;
  /** The last (epoch, seq) accepted from each sender. */
  readonly heard: { [node: string]: [number, number] } = {};
  readonly rejected: { [R in Rejection]: number } = { 'malformed': 0, 'unknown sender': 0, 'bad MAC': 0, 'replayed': 0 };
  accepted = 0;

  constructor(private readonly o: LinkOptions) {}

  get node(): string { return this.o.node; }
  get epoch(): number { return this.o.epoch; }
  /** The seq the next message will carry. */
  get nextSeq(): number { return this.seq + 1; }

  seal(to: string, kind: MessageKind, body: Envelope['body']): string {
    const e = { from: this.o.node, to, kind, epoch: this.o.epoch, seq: ++this.seq, t: this.o.now(), body };
    return JSON.stringify({ ...e, mac: this.o.hmac(this.o.keyring[this.o.node], canonical(e)) });
  }

  /** The envelope if it is authentic, addressed here, and newer than anything seen from its sender; else undefined. */
  open(text: string): Envelope | undefined {
    let e: Envelope;
    try { e = JSON.parse(text) as Envelope; } catch { return this.reject('malformed', '?', 'not JSON'); }
    if (!e || typeof e !== 'object' || typeof e.from !== 'string' || typeof e.mac !== 'string' || !Number.isInteger(e.epoch)
      || !Number.isInteger(e.seq) || typeof e.to !== 'string' || (e.kind !== 'report' && e.kind !== 'command') || !e.body) {
      return this.reject('malformed', typeof e?.from === 'string' ? e.from : '?', 'missing or mistyped fields');
    }
    const key = this.o.keyring[e.from];
    if (key === undefined) return this.reject('unknown sender', e.from, 'no key for it');
    if (!constantTimeEqual(this.o.hmac(key, canonical(e)), e.mac)) return this.reject('bad MAC', e.from, `${e.kind} ${e.epoch}/${e.seq}`);
    // Authentic, but our own (a broker echoes broadcasts) or for someone else: not ours to act on.
    if (e.from === this.o.node || (e.to !== '*' && e.to !== this.o.node)) return undefined;
    const last = this.heard[e.from];
    if (last && (e.epoch < last[0] || (e.epoch === last[0] && e.seq <= last[1]))) {
      return this.reject('replayed', e.from, `${e.epoch}/${e.seq} after ${last[0]}/${last[1]}`);
    }
    this.heard[e.from] = [e.epoch, e.seq];
    this.accepted++;
    return e;
  }

  private reject(reason: Rejection, from: string, detail: string): undefined {
    this.rejected[reason]++;
    this.o.onReject?.(reason, from, detail);
    return undefined;
  }
}
