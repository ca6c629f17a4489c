// `always` and `never`: expectations watched at every poll over an interval (for a time, until a step, or to
// the end), failing at the first moment they do not hold (always) or do (never).
import type { ControllerReport } from '../../firmware/controller';
import type { Expectation, Step } from './format';
import { eventMatches } from './expectations';

export interface Outcome { field: string; line?: number; kind: string; t: number; ok: boolean; message?: string }

interface Watch { step: Step; e: Expectation; never: boolean; from: number; to: number; until?: string; checkedTo: number }

/** What a monitor needs of the run: the parts of an expectation not met now, and the trace so far. */
export interface MonitorContext { unmet(e: Expectation): string[]; trace: readonly ControllerReport[] }

export class Monitors {
  private readonly active: Watch[] = [];
  constructor(private readonly outcomes: Outcome[]) {}

  get watching(): boolean { return this.active.length > 0; }

  /** Starts watching an `always` or `never` step at `now`. */
  start(step: Step, now: number): void {
    const never = 'never' in step, e = 'never' in step ? step.never : 'always' in step ? step.always : undefined;
    if (!e) return;
    const w = step as Step & { for?: number; until?: string };
    this.active.push({ step, e, never, from: now, to: w.for !== undefined ? now + w.for : Infinity, until: w.until, checkedTo: now });
  }

  /** Checks every watch at `now`; those whose interval is over pass. */
  check(now: number, ctx: MonitorContext): void {
    for (let i = this.active.length - 1; i >= 0; i--) {
      const w = this.active[i], at = Math.min(now, w.to);
      const problem = w.never ? this.happened(w, at, ctx) : ctx.unmet(w.e);
      w.checkedTo = at;
      if (problem.length) this.finish(i, at, false, `${w.never ? 'happened' : 'broken'} at ${(at / 1000).toFixed(2)} s: ${problem.join('; ')}`);
      else if (now >= w.to) this.finish(i, w.to, true);
    }
  }

  /** A step began: the watches waiting for its id end, having held. */
  stepBegan(step: Step, now: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) if (step.id !== undefined && this.active[i].until === step.id) this.finish(i, now, true);
  }

  /** The scenario ended: every watch still going held. */
  end(now: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) this.finish(i, now, true);
  }

  // A never-expectation "happens" when every part holds at once: its states and the rest now, and each of its
  // events between the last check and now.
  private happened(w: Watch, now: number, ctx: MonitorContext): string[] {
    const { events, ...rest } = w.e;
    const restHolds = Object.keys(rest).length === 0 || ctx.unmet(rest).length === 0;
    if (!restHolds) return [];
    const seen: string[] = [];
    for (const e of events ?? []) {
      const r = lastMatch(ctx.trace, w.checkedTo === w.from ? w.from : w.checkedTo, now, e);
      if (!r) return [];
      seen.push(`${r.kind} by ${r.machine}${r.event ? ` on "${r.event}"` : ''}`);
    }
    return seen.length ? seen : ['every part of it held'];
  }

  private finish(i: number, t: number, ok: boolean, message?: string): void {
    const w = this.active[i];
    this.active.splice(i, 1);
    this.outcomes.push({ field: w.step.field, line: w.step.line, kind: w.never ? 'never' : 'always', t, ok, message });
  }
}

function lastMatch(trace: readonly ControllerReport[], from: number, to: number, e: Parameters<typeof eventMatches>[1]): ControllerReport | undefined {
  for (let i = trace.length - 1; i >= 0 && trace[i].t >= from; i--) if (trace[i].t <= to && eventMatches(trace[i], e)) return trace[i];
  return undefined;
}
