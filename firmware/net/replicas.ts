// What this node knows of the others: their last reports, trusted only while fresh. A stale replica is unknown,
// not last-known. Keyed by Map: names come off the wire.
import type { ReportBody } from './envelope';

interface Replica { body: ReportBody; receivedAt: number; from: string }

const own = <T>(o: { [k: string]: T }, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

export class Replicas {
  private readonly byMachine = new Map<string, Replica>();
  private readonly byNode = new Map<string, Replica>();

  constructor(private readonly now: () => number, readonly freshMs: number) {}

  /** Takes an accepted (authorized) report in; returns the machines whose known state changed. */
  take(from: string, body: ReportBody): string[] {
    const replica = { body, receivedAt: this.now(), from };
    const changed: string[] = [];
    for (const id of Object.keys(body.machines)) {
      const before = this.state(id);
      this.byMachine.set(id, replica);
      if (before !== own(body.machines, id)?.state) changed.push(id);
    }
    this.byNode.set(from, replica);
    return changed;
  }

  private fresh(r: Replica | undefined): Replica | undefined {
    return r && this.now() - r.receivedAt <= this.freshMs ? r : undefined;
  }

  state(id: string): string | undefined { const r = this.fresh(this.byMachine.get(id)); return r && own(r.body.machines, id)?.state; }
  goal(id: string): string | undefined { const r = this.fresh(this.byMachine.get(id)); return r && own(r.body.machines, id)?.goal; }
  /** A fact from the freshest report that carries it, or NaN. */
  fact(name: string): number {
    for (const r of this.byNode.values()) {
      const fresh = this.fresh(r), v = fresh && own(fresh.body.facts, name);
      if (v !== undefined) return v;
    }
    return NaN;
  }
  /**
   * A reading from the freshest report that carries it, while it has moved within `withinMs` of now: the report says
   * how long it had stood still when sent (the fact `still`), and the time since it arrived is added (the bus's own
   * delay is not known here, and is not counted). NaN otherwise, and when the report does not say.
   */
  factMoving(name: string, still: string, withinMs: number): number {
    for (const r of this.byNode.values()) {
      const fresh = this.fresh(r), v = fresh && own(fresh.body.facts, name);
      if (v === undefined) continue;
      const stillMs = own(fresh!.body.facts, still);
      return stillMs !== undefined && stillMs >= 0 && stillMs + this.now() - r.receivedAt <= withinMs ? v : NaN;
    }
    return NaN;
  }
  /** Forgets everything `node` reported: it restarted, and what it said before its boot no longer holds. */
  forget(node: string): void {
    for (const [id, r] of this.byMachine) if (r.from === node) this.byMachine.delete(id);
    this.byNode.delete(node);
  }
  /** Which node last reported `id` (fresh or not). */
  hostOf(id: string): string | undefined { return this.byMachine.get(id)?.from; }
  /** The fresh report of a machine's host, with what that host had heard when it sent it. */
  reportOf(id: string): ReportBody | undefined { return this.fresh(this.byMachine.get(id))?.body; }
  /** Every machine known, fresh or stale. */
  machines(): string[] { return [...this.byMachine.keys()]; }
}
