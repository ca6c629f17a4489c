// What this node knows of the others: their last reports, trusted only while fresh. A stale replica is unknown,
// not last-known. Keyed by Map: names come off the wire.
import type { ReportBody } from './envelope';

interface Replica {
  body: ReportBody;
  receivedAt: number;
  from: string;
  /** How much longer than its sender's quickest report this one took to arrive, ms: held back on the bus. */
  late: number;
}

/**
 * How fast the least transit seen from a node may rise, ms per ms: far above any crystal's drift (tens of parts per
 * million), so two clocks drifting apart never make every report look late.
 */
const DRIFT = 0.0005;

const own = <T>(o: { [k: string]: T }, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

export class Replicas {
  private readonly byMachine = new Map<string, Replica>();
  /** The report that carries each fact (its sender's latest: a later one without it takes it away). */
  private readonly byFact = new Map<string, Replica>();
  /**
   * Per node: the least (arrival − the sender's time) seen, the clocks' offset plus the bus's quickest delay, and
   * when it was last set. A report that took longer is late by the difference.
   */
  private readonly quickest = new Map<string, { offset: number; at: number }>();

  constructor(private readonly now: () => number, readonly freshMs: number) {}

  /** Takes an accepted (authorized) report in, sent at `sentAt` on its sender's clock; returns the machines whose known state changed. */
  take(from: string, body: ReportBody, sentAt: number): string[] {
    const now = this.now(), offset = now - sentAt, q = this.quickest.get(from);
    // A sender's first report is the first measure: it counts as on time. One later by more than a report stays
    // fresh starts no door: the sender's clock stepped back, or the bus held everything since; the comparison starts
    // again from it.
    let late = 0;
    if (q === undefined) this.quickest.set(from, { offset, at: now });
    else {
      const least = Math.min(offset, q.offset + (now - q.at) * DRIFT);
      late = offset - least;
      if (late > this.freshMs) { q.offset = offset; late = Infinity; } else q.offset = least;
      q.at = now;
    }
    const replica = { body, receivedAt: now, from, late };
    const changed: string[] = [];
    for (const id of Object.keys(body.machines)) {
      const before = this.state(id);
      this.byMachine.set(id, replica);
      if (before !== own(body.machines, id)?.state) changed.push(id);
    }
    this.dropFacts(from);
    for (const name of Object.keys(body.facts)) this.byFact.set(name, replica);
    return changed;
  }

  private fresh(r: Replica | undefined): Replica | undefined {
    return r && this.now() - r.receivedAt <= this.freshMs ? r : undefined;
  }

  state(id: string): string | undefined { const r = this.fresh(this.byMachine.get(id)); return r && own(r.body.machines, id)?.state; }
  goal(id: string): string | undefined { const r = this.fresh(this.byMachine.get(id)); return r && own(r.body.machines, id)?.goal; }
  /** A fact from the fresh report that carries it, or NaN. (Looked up, not searched: a door's start asks every scan.) */
  fact(name: string): number {
    const r = this.fresh(this.byFact.get(name));
    return r ? r.body.facts[name] : NaN;
  }
  /**
   * A reading from the fresh report that carries it, while it has moved within `withinMs` of now: the report says
   * how long it had stood still when sent (the fact `still`), to which are added how late the report arrived (beside
   * its sender's quickest) and the time since. NaN otherwise, and when the report does not say.
   */
  factMoving(name: string, still: string, withinMs: number): number {
    const r = this.fresh(this.byFact.get(name));
    if (!r) return NaN;
    const stillMs = own(r.body.facts, still);
    return stillMs !== undefined && stillMs >= 0 && stillMs + r.late + this.now() - r.receivedAt <= withinMs ? r.body.facts[name] : NaN;
  }
  /** Forgets everything `node` reported: it restarted, and what it said before its boot no longer holds. */
  forget(node: string): void {
    for (const [id, r] of this.byMachine) if (r.from === node) this.byMachine.delete(id);
    this.dropFacts(node);
    // Its clock may have restarted with it.
    this.quickest.delete(node);
  }
  private dropFacts(node: string): void {
    for (const [name, r] of this.byFact) if (r.from === node) this.byFact.delete(name);
  }
  /** Which node last reported `id` (fresh or not). */
  hostOf(id: string): string | undefined { return this.byMachine.get(id)?.from; }
  /** The fresh report of a machine's host, with what that host had heard when it sent it. */
  reportOf(id: string): ReportBody | undefined { return this.fresh(this.byMachine.get(id))?.body; }
  /** Every machine known, fresh or stale. */
  machines(): string[] { return [...this.byMachine.keys()]; }
}
