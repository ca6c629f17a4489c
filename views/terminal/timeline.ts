// One readable line per controller report: the timeline printed by `npm start` off a terminal and by scenarios.
import type { ControllerReport } from '../../firmware/controller';

/** `hh:mm:ss.sss` (or fewer decimals): rounded first, so 59.95 s at one decimal is 00:01:00.0, never 00:00:60.0. */
export function formatTime(ms: number, decimals = 3): string {
  const unit = 10 ** (3 - decimals), total = Math.round(ms / unit) * unit;
  const h = Math.floor(total / 3_600_000), m = Math.floor((total % 3_600_000) / 60_000), sec = (total % 60_000) / 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec.toFixed(decimals).padStart(decimals ? decimals + 3 : 2, '0')}`;
}

export function formatReport(r: ControllerReport): string {
  return `${formatTime(r.t)}  ${r.machine.padEnd(21)}${reportBody(r)}`;
}

/** What happened, without the time and the machine. */
export function reportBody(report: ControllerReport): string {
  // A machine not yet known after boot has no state: it is said to be unknown, never given a default.
  const r = { ...report, from: report.from ?? 'unknown', to: report.to ?? (report.kind === 'transition' ? 'unknown' : undefined) };
  const goal = r.goal ? `  (goal ${r.goal})` : '';
  switch (r.kind) {
    case 'transition': return `${r.from === r.to ? r.from : `${r.from} → ${r.to}`}  on "${r.event}"${goal}`;
    case 'beep': return `beep: "${r.event}" ignored in ${r.from}`;
    // A refused step says where it led and why; a veto of a follow-goal step is followed by the rest it takes instead.
    case 'veto': return `VETO: "${r.event}" refused in ${r.from}${r.to && r.to !== r.from ? ` (→ ${r.to})` : ''}: ${r.reason ?? r.detail ?? 'no reason given'}`;
    case 'impossible': return `FAULT: "${r.event}" is impossible in ${r.from}`;
    case 'interlock': return `INTERLOCK refused: ${r.reason ?? r.detail}`;
    case 'fault': return `FAULT: ${r.detail}${r.reason && r.reason !== r.detail ? `: ${r.reason}` : ''}`;
    case 'notice': return `NOTICE: ${r.detail}`;
  }
}
