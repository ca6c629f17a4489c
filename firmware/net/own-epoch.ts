// This node's own epoch: raised and stored at every boot; recovered from its peers when its record is lost; and
// moved past what its peers prove they heard of it when its record was behind. Moves are decided over a window
// on the word of most peers heard, never of one: a compromised peer can neither churn nor inflate it.
import { bootEpoch, EPOCH_RECORD, type NodeStateStore } from './state-store';

/** How far an epoch may move in one step: boot counts rise by one a boot. */
export const MAX_EPOCH_JUMP = 1000;

export interface OwnEpochOptions {
  store: NodeStateStore;
  /** How many peers this node has keys for. */
  peers: number;
  now(): number;
  /** How long a window collects what peers say before it is decided (2T). */
  windowMs: number;
  notice(detail: string): void;
  onEpoch(epoch: number): void;
}

interface Window { since: number; heard: Set<string>; claims: Map<string, number> }

export class OwnEpoch {
  epoch: number;
  seq = 0;
  /** From a boot with a lost or unreadable record until its peers have answered (or 2T passed). */
  recovering: boolean;
  private readonly bootAt: number;
  private readonly strangers = new Set<string>();
  private window: Window | undefined;

  constructor(private readonly o: OwnEpochOptions) {
    let boot;
    try { boot = bootEpoch(o.store); } catch (e) { boot = { epoch: 1, lost: `cannot store the epoch (${(e as Error).message})` }; }
    this.epoch = boot.epoch;
    this.recovering = boot.lost !== undefined;
    this.bootAt = o.now();
    if (boot.lost) {
      o.notice(`${boot.lost}: deaf until its peers show the epoch this node had reached`);
      this.window = { since: this.bootAt, heard: new Set(), claims: new Map() };
    }
  }

  /** An authentic peer showed what it had heard of this node: the epoch its MAC is bound to (seq 0), or the
   * (epoch, seq) its report says it last accepted from this node. 0: nothing. */
  heardFrom(peer: string, epoch: number, seq: number): void {
    if (this.recovering && epoch === 0) this.strangers.add(peer);
    const above = epoch > 0 && (this.recovering || epoch > this.epoch || (epoch === this.epoch && seq > this.seq));
    if (above && !this.window) this.window = { since: this.o.now(), heard: new Set(), claims: new Map() };
    if (!this.window) return;
    this.window.heard.add(peer);
    if (above) this.window.claims.set(peer, Math.max(this.window.claims.get(peer) ?? 0, epoch));
    this.tick();
  }

  /** Decides a window once every peer has spoken in it, or when it has lasted `windowMs`. */
  tick(): void {
    const w = this.window;
    if (!w || (w.heard.size < this.o.peers && this.o.now() - w.since < this.o.windowMs)) return;
    this.window = undefined;
    const claims = [...w.claims.values()].sort((a, b) => a - b);
    if (claims.length === 0) { if (this.recovering) this.stand(); return; }
    // The lower median of what was claimed; claims far above it are one peer's word, not the deployment's.
    const median = claims[(claims.length - 1) >> 1];
    const kept = claims.filter((c) => c <= median + MAX_EPOCH_JUMP), chosen = kept[kept.length - 1];
    if (kept.length < claims.length) this.o.notice(`ignored claims far past the others': ${claims.slice(kept.length).join(', ')}`);
    if (this.recovering) { this.adopt(chosen + 1, `recovered: ${w.claims.size} of ${w.heard.size} peers heard had heard up to epoch ${chosen}`); return; }
    if (w.claims.size * 2 <= w.heard.size) { this.o.notice(`only ${w.claims.size} of ${w.heard.size} peers heard say this node's epoch is behind: ignored`); return; }
    if (chosen + 1 - this.epoch > MAX_EPOCH_JUMP) { this.o.notice(`peers say this node was at epoch ${chosen}: implausible from ${this.epoch}, ignored`); return; }
    this.adopt(chosen + 1, `${w.claims.size} of ${w.heard.size} peers had heard this node up to epoch ${chosen}: its epoch record was behind`);
  }

  private stand(): void {
    this.recovering = false;
    this.o.notice(`no peer knew this node (${this.strangers.size} said so): epoch ${this.epoch} stands`);
    this.o.onEpoch(this.epoch);
  }

  private adopt(epoch: number, why: string): void {
    this.recovering = false;
    this.epoch = epoch;
    this.seq = 0;
    try { this.o.store.put(EPOCH_RECORD, String(epoch)); } catch (e) { this.o.notice(`cannot store the epoch (${(e as Error).message})`); }
    this.o.notice(`epoch ${epoch}: ${why}`);
    this.o.onEpoch(epoch);
  }
}
