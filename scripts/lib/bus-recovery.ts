// How `npm run node` presents its link's own recovery: a node that boots without its epoch record, and messages
// its peers sealed for an epoch it has left, are the bus recovering as designed (docs/PROTOCOL.md), not faults.
// They are counted, and said in one line once the recovery is over; every other rejection is still a fault.
import type { ControllerReport } from '../../firmware/controller';

/** How long the bus must be quiet before counted stale messages are summed up (virtual ms). */
export const QUIET_MS = 2000;

const STALE = /^rejected message from (\S+): stale \(/;
// The link's own words (firmware/net/own-epoch.ts): a boot without its record, a challenge not yet answered by most
// peers (expected while they boot too), and the epoch proven, which ends the recovery. A store that refuses the
// epoch is a fault, and is shown as one.
const DEAF = /^epoch: (.*?): its peers' answers will show/;
const WAITING = /^epoch: epoch not proven: /;
const ENDED = /^epoch: (epoch \d+: .*)$/;

export class BusRecovery {
  /** Every stale message counted since the node started, by sender. */
  readonly staleFrom = new Map<string, number>();
  private pending = new Map<string, number>();
  private lastAt = 0;
  private lost: { why: string; at: number } | undefined;
  private recovered: { outcome: string; at: number } | undefined;

  constructor(private readonly node: string) {}

  /** Whether the report is the bus's expected recovery (counted, said later in a summary), not a fault to show. */
  take(r: ControllerReport): boolean {
    if ((r.kind !== 'fault' && r.kind !== 'notice') || r.machine !== this.node || r.detail === undefined) return false;
    const stale = STALE.exec(r.detail), deaf = DEAF.exec(r.detail), ended = ENDED.exec(r.detail);
    if (WAITING.test(r.detail)) { this.lastAt = r.t; return true; }
    if (stale) {
      this.pending.set(stale[1]!, (this.pending.get(stale[1]!) ?? 0) + 1);
      this.staleFrom.set(stale[1]!, (this.staleFrom.get(stale[1]!) ?? 0) + 1);
    } else if (deaf) this.lost = { why: deaf[1]!, at: r.t };
    else if (ended) this.recovered = { outcome: ended[1]!, at: r.t };
    else return false;
    this.lastAt = r.t;
    return true;
  }

  /** The summary line when one is due at `now`: at once when an epoch is recovered, else after QUIET_MS of quiet. */
  due(now: number): string | undefined {
    if (this.recovered) return this.summary();
    // Deaf after a lost record: the recovery is said whole when it ends.
    if (this.lost || this.pending.size === 0 || now - this.lastAt < QUIET_MS) return undefined;
    return this.summary();
  }

  /** What was counted since the last summary, in one line (undefined when nothing was). */
  summary(): string | undefined {
    const stale = [...this.pending.values()].reduce((a, b) => a + b, 0);
    const senders = [...this.pending].map(([from, n]) => `${from} ${n}`).join(', ');
    const messages = stale ? `${stale} stale message${stale === 1 ? '' : 's'} rejected (${senders}), bound to an epoch this node had left` : '';
    let line: string | undefined;
    if (this.recovered) {
      const boot = this.lost ? `${this.lost.why} at boot, so deaf until its peers showed the epoch it had reached; ` : '';
      const after = this.lost ? `after ${((this.recovered.at - this.lost.at) / 1000).toFixed(1)} s, ` : '';
      line = `bus: recovered as designed: ${boot}${after}${this.recovered.outcome}${messages ? `; meanwhile ${messages}` : ''}.`;
      this.lost = undefined;
    } else if (messages) line = `bus: ${messages}; expected while nodes boot or restart.`;
    this.pending = new Map();
    this.recovered = undefined;
    return line;
  }
}
