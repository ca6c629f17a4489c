// This node's own epoch, proven afresh at every boot: its stored record only says where to start (it may be lost,
// or restored from an older copy), so the node challenges its peers with a nonce of its own and takes one past the
// highest epoch of it they answer under their pair keys. Only answers echoing that nonce count: nothing recorded
// can. The epoch is then written and read back; until both are done the node is deaf and silent (link.ts).
// While it runs, a sign that its epoch is behind starts a new challenge, decided on the word of most peers that
// answer, never of one: a compromised peer can neither churn nor inflate it.
import { persistEpoch, storedEpoch, type NodeStateStore } from './state-store';

/** How far an epoch may move in one step: boot counts rise by one a boot. */
export const MAX_EPOCH_JUMP = 1000;

export interface OwnEpochOptions {
  store: NodeStateStore;
  /** How many peers this node has keys for. */
  peers: number;
  now(): number;
  /** How long a challenge waits for every peer before it is decided, or sent again (2T). */
  windowMs: number;
  /** A fresh nonce: random bytes from the platform's random source, as 32 hex digits. */
  nonce(): string;
  /** Sends the challenge to every peer. */
  challenge(nonce: string): void;
  notice(detail: string): void;
  /** The epoch is proven and persisted: the node may hear and speak under it. */
  onEpoch(epoch: number): void;
}

/** What one peer answered: the epoch of this node it binds to, and the last seq it accepted in that epoch. */
type Claim = [number, number];
interface Round { nonce: string; since: number; boot: boolean; answers: Map<string, Claim>; resent: number }

export class OwnEpoch {
  /** The epoch this node speaks under: provisional until `ready`. */
  epoch: number;
  seq = 0;
  /** Proven by its peers' answers and persisted: until then nothing is accepted, and only challenges are sent. */
  ready = false;
  /** Its record was missing or unreadable at boot. */
  readonly lost: boolean;
  /** The highest epoch known to be stored (or used). */
  private stored: number;
  private round: Round | undefined;
  private lastRound = -Infinity;
  /** The nonces of this boot's last few closed challenges: an answer that echoes one came late, not from a replay of
   * another boot (a replay of one of these moves nothing either). A fixed ring, filled in turn. */
  private readonly closed: string[] = ['', '', '', ''];
  private closedNext = 0;
  /** Decided but not yet persisted; the last failure said. */
  private unsaved = false;
  private failure = '';

  constructor(private readonly o: OwnEpochOptions) {
    const s = storedEpoch(o.store);
    this.stored = s.epoch;
    this.epoch = s.epoch + 1;
    this.lost = s.lost !== undefined;
    if (s.lost) o.notice(`${s.lost}: its peers' answers will show the epoch this node had reached`);
  }

  /** Challenges the peers: called once the link can send. */
  begin(): void { this.challenge(true); }

  /** An authentic answer: counted if it echoes the open challenge's nonce (else it is old, or not ours: false). */
  answered(peer: string, nonce: string, epoch: number, seq: number): boolean {
    const r = this.round;
    if (!r || nonce !== r.nonce) return false;
    r.answers.set(peer, [epoch, seq]);
    this.tick();
    return true;
  }

  /** An authentic answer `answered` refused that echoes one of this boot's recently closed challenges: it came
   * after its challenge was decided (a slow peer, a slow bus), which is expected, not a fault. */
  late(nonce: string): boolean {
    return nonce !== '' && this.closed.indexOf(nonce) >= 0;
  }

  /** A sign, not proof, that this running node's epoch was used before (a peer binds to a later one, or heard
   * more of this one than was sent): challenge again, at most once a window. */
  suspect(): void {
    if (this.ready && !this.round && this.o.now() - this.lastRound >= this.o.windowMs) this.challenge(false);
  }

  /** Every heartbeat: retries a write that failed, and decides a challenge once every peer has answered or its
   * window has passed. */
  tick(): void {
    if (this.unsaved) { this.persist(); return; }
    const r = this.round;
    if (!r || (r.answers.size < this.o.peers && this.o.now() - r.since < this.o.windowMs)) return;
    // At boot, a minority of answers cannot show how far this node had come: the others may know a later epoch.
    if (r.boot && r.answers.size * 2 <= this.o.peers) {
      // Said from the second miss on: at a cold start the first challenges go out before the peers listen.
      if (r.resent++ > 0) this.o.notice(`epoch not proven: ${r.answers.size} of ${this.o.peers} peers answered its challenge; deaf until most do, challenging again`);
      r.since = this.o.now();
      this.o.challenge(r.nonce);
      return;
    }
    this.round = undefined;
    this.closed[this.closedNext] = r.nonce;
    this.closedNext = (this.closedNext + 1) % this.closed.length;
    this.lastRound = this.o.now();
    if (r.boot) this.decideBoot(r); else this.decideRunning(r);
  }

  private challenge(boot: boolean): void {
    this.round = { nonce: this.o.nonce(), since: this.o.now(), boot, answers: new Map(), resent: 0 };
    this.o.challenge(this.round.nonce);
  }

  /** The highest claimed epoch within reach of the lower median: claims far above it are one peer's word. */
  private highest(r: Round): number {
    const claims = [...r.answers.values()].map((c) => c[0]).filter((e) => e > 0).sort((a, b) => a - b);
    if (claims.length === 0) return 0;
    const median = claims[(claims.length - 1) >> 1]!;
    const kept = claims.filter((c) => c <= median + MAX_EPOCH_JUMP);
    if (kept.length < claims.length) this.o.notice(`ignored claims far past the others': ${claims.slice(kept.length).join(', ')}`);
    return kept[kept.length - 1]!;
  }

  private decideBoot(r: Round): void {
    const heard = this.highest(r), next = Math.max(this.stored, heard) + 1;
    const why = heard === 0 ? `no peer of ${r.answers.size} answering knew an epoch of this node`
      : `${r.answers.size} of ${this.o.peers} peers answered; the highest epoch of this node they knew was ${heard}`;
    // A routine boot (its record stands, no peer knew more) is not worth a log line; a lost or older record is.
    const record = this.lost ? 'its record was lost' : heard > this.stored ? `its record (${this.stored}) was behind` : undefined;
    this.move(next, record && `proven: ${why}; ${record}`);
  }

  private decideRunning(r: Round): void {
    const behind = [...r.answers.values()].filter(([e, s]) => e > this.epoch || (e === this.epoch && s > this.seq)).length;
    if (behind === 0) return;
    if (behind * 2 <= r.answers.size) {
      this.o.notice(`only ${behind} of ${r.answers.size} peers answering say this node's epoch is behind: ignored`);
      return;
    }
    const heard = Math.max(this.highest(r), this.epoch);
    if (heard + 1 - this.epoch > MAX_EPOCH_JUMP) { this.o.notice(`peers say this node was at epoch ${heard}: implausible from ${this.epoch}, ignored`); return; }
    this.move(heard + 1, `${behind} of ${r.answers.size} peers answering had heard this node up to epoch ${heard}: its epoch was used before`);
  }

  /** Takes the epoch, deaf until it is persisted; says why unless it is routine. */
  private move(epoch: number, why: string | undefined): void {
    if (epoch !== this.epoch) this.seq = 0;
    this.epoch = epoch;
    this.ready = false;
    if (why) this.o.notice(`epoch ${epoch}: ${why}`);
    this.persist();
  }

  /** Writes the epoch and reads it back; on failure stays deaf, says where and why (again when that changes), and
   * the next tick retries the same epoch: it was never spoken under, so writing it later reuses nothing. */
  private persist(): void {
    try { persistEpoch(this.o.store, this.epoch); } catch (e) {
      const why = `cannot store epoch ${this.epoch} in ${this.o.store.where ?? 'the state store'} (${(e as Error).message})`;
      if (why !== this.failure) this.o.notice(`${why}: deaf to commands and reports until it can, retrying`);
      this.unsaved = true;
      this.failure = why;
      return;
    }
    if (this.unsaved) this.o.notice(`epoch ${this.epoch} stored in ${this.o.store.where ?? 'the state store'} at last: hearing again`);
    this.unsaved = false;
    this.failure = '';
    this.stored = this.epoch;
    this.ready = true;
    this.o.onEpoch(this.epoch);
  }
}
