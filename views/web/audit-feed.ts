// The bench's audit log: every controller report and invariant violation, numbered, and the last cell each machine took.
import { machineIds } from '../../firmware/board/signals';
import type { ControllerReport } from '../../firmware/controller';
import type { Violation } from '../../sim/invariants';
import { formatReport, formatTime, reportBody } from '../terminal/timeline';
import type { AuditLine, MachineView } from './protocol';

// Reports that name a cell of the machine's matrix: the state it was in and the event it looked up.
const CELL_KINDS: { [kind: string]: boolean } = { transition: true, veto: true, beep: true, impossible: true };
const MACHINES: { [id: string]: boolean } = Object.fromEntries(machineIds.map((id) => [id, true]));

export class AuditFeed {
  /** The most recent entries, oldest first. */
  readonly lines: AuditLine[] = [];
  readonly lastCell: { [machine: string]: NonNullable<MachineView['last']> } = {};
  private seq = 0;

  constructor(private readonly keep = 500) {}

  /** The number of the newest entry (0 before any). */
  get newest(): number { return this.seq; }

  report(r: ControllerReport): void {
    if (CELL_KINDS[r.kind] && MACHINES[r.machine] && r.from !== undefined && r.event !== undefined) {
      this.lastCell[r.machine] = { state: r.from, event: r.event, kind: r.kind };
    }
    this.push({ t: r.t, kind: r.kind, machine: r.machine, text: formatReport(r), what: reportBody(r) });
  }

  violation(v: Violation): void {
    this.push({ t: v.t, kind: 'invariant', machine: `invariant ${v.invariant}`, text: `${formatTime(v.t)}  INVARIANT ${v.invariant} VIOLATED: ${v.detail}`, what: `VIOLATED: ${v.detail}` });
  }

  /** Entries after `seq`, oldest first (as many as are kept). */
  since(seq: number): AuditLine[] {
    const lines = this.lines;
    let i = lines.length;
    while (i > 0 && lines[i - 1].seq > seq) i--;
    return lines.slice(i);
  }

  private push(line: Omit<AuditLine, 'seq'>): void {
    this.lines.push({ seq: ++this.seq, ...line });
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }
}
