// The device's audit log: a bounded ring of the latest reports in memory, which the serial console can dump.
import type { ControllerReport } from './report';

export class AuditRing {
  private readonly entries: (ControllerReport | undefined)[];
  private next = 0;
  private total = 0;

  constructor(readonly capacity = 256) { this.entries = new Array(capacity); }

  /** Appends a report; the oldest is dropped once the ring is full. */
  append(report: ControllerReport): void {
    this.entries[this.next] = report;
    this.next = (this.next + 1) % this.capacity;
    this.total++;
  }

  /** Reports appended since start, including those the ring has dropped. */
  get appended(): number { return this.total; }

  /** The kept reports, oldest first. */
  toArray(): ControllerReport[] {
    const kept = Math.min(this.total, this.capacity), out: ControllerReport[] = [];
    for (let i = 0; i < kept; i++) out.push(this.entries[(this.next - kept + i + this.capacity) % this.capacity]!);
    return out;
  }

  /** Writes every kept report as one JSON line, e.g. to the serial console (`trace` on Moddable). */
  dump(writeLine: (line: string) => void): void {
    for (const r of this.toArray()) writeLine(JSON.stringify(r));
  }
}
