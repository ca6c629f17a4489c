// Matching what a scenario expects against what happened: a state among several or none of some, and events
// (a veto, refusal, recall, beep or fault, with its reason) in a window of the trace.
import type { ControllerReport } from '../../firmware/controller';
import type { EventKind, EventMatch, StateMatch } from './format';

/** Why a veto, refusal or fault happened: its `reason` (issue 13), else its `detail`. */
function reasonOf(r: ControllerReport): string | undefined {
  return r.reason ?? r.detail;
}

export function stateMet(got: string | undefined, want: StateMatch): boolean {
  if (typeof want === 'string') return got === want;
  if ('anyOf' in want) return got !== undefined && want.anyOf.includes(got);
  return got !== undefined && !want.not.includes(got);
}

export function stateText(want: StateMatch): string {
  if (typeof want === 'string') return `"${want}"`;
  if ('anyOf' in want) return `any of ${want.anyOf.map((s) => `"${s}"`).join(', ')}`;
  return `none of ${want.not.map((s) => `"${s}"`).join(', ')}`;
}

// A recall is the deck calling an airlock back inside: the transition on `ask open inner` out of an outer-bound state.
const RECALLED_FROM: { [state: string]: boolean } = { 'opening outer': true, 'outer open friendly': true };
const KIND_OF: { [kind: string]: EventKind } = { veto: 'veto', interlock: 'refusal', beep: 'beep', fault: 'fault', impossible: 'impossible', transition: 'transition' };

export function eventMatches(r: ControllerReport, e: EventMatch): boolean {
  const why = reasonOf(r) ?? '';
  const kindOk = e.kind === 'recall'
    ? (r.kind === 'transition' && r.event === 'ask open inner' && RECALLED_FROM[r.from ?? ''] === true) || /recall/i.test(why)
    : KIND_OF[r.kind] === e.kind;
  return kindOk
    && (e.machine === undefined || r.machine === e.machine || r.machine.startsWith(`${e.machine} `))
    && (e.event === undefined || r.event === e.event)
    && (e.reason === undefined || why.toLowerCase().includes(e.reason.toLowerCase()));
}

function eventText(e: EventMatch): string {
  return `a ${e.kind}${e.machine ? ` by ${e.machine}` : ''}${e.event ? ` of "${e.event}"` : ''}${e.reason ? ` with reason "${e.reason}"` : ''}`;
}

/** The events of `want` not found among reports from `from` ms on. */
export function eventsUnmet(trace: readonly ControllerReport[], from: number, want: readonly EventMatch[]): string[] {
  const out: string[] = [];
  for (const e of want) {
    let found = false;
    for (let i = trace.length - 1; i >= 0 && trace[i].t >= from; i--) if (eventMatches(trace[i], e)) { found = true; break; }
    if (!found) out.push(`${eventText(e)} since ${(from / 1000).toFixed(1)} s, but there was none`);
  }
  return out;
}
