// What this node knows of the others: their last reports, trusted only while fresh. A stale replica is unknown,
// not last-known.
import type { ReportBody } from './envelope';

interface Replica { body: ReportBody; receivedAt: number; from: string }

export class Replicas {
  private readonly byMachine: { [id: string]: Replica } = {};
  private readonly byNode: { [node: string]: Replica } = {};

  constructor(private readonly now: () => number, readonly freshMs: number) {}

  /** Takes a report in; returns the machines whose known state changed. */
  take(from: string, body: ReportBody): string[] {
    const replica = { body, receivedAt: this.now(), from };
    const changed: string[] = [];
    for (const id of Object.keys(body.machines)) {
      const before = this.state(id);
      this.byMachine[id] = replica;
      if (before !== body.machines[id].state) changed.push(id);
    }
    this.byNode[from] = replica;
    return changed;
  }

  private fresh(r: Replica | undefined): Replica | undefined {
    return r && this.now() - r.receivedAt <= this.freshMs ? r : undefined;
  }

  state(id: string): string | undefined { return this.fresh(this.byMachine[id])?.body.machines[id].state; }
  goal(id: string): string | undefined { return this.fresh(this.byMachine[id])?.body.machines[id].goal; }
  /** A fact from the freshest report that carries it, or NaN. */
  fact(name: string): number {
    for (const r of Object.values(this.byNode)) {
      const v = this.fresh(r)?.body.facts[name];
      if (v !== undefined) return v;
    }
    return NaN;
  }
  /** Which node last reported `id` (fresh or not): where commands for it go. */
  hostOf(id: string): string | undefined { return this.byMachine[id]?.from; }
  /** The fresh report of a machine's host, with what that host had heard when it sent it. */
  reportOf(id: string): ReportBody | undefined { return this.fresh(this.byMachine[id])?.body; }
  /** Every machine known, fresh or stale. */
  machines(): string[] { return Object.keys(this.byMachine); }
}
