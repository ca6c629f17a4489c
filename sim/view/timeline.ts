// One readable line per controller report: the timeline printed by `npm start` off a terminal and by scenarios.
import type { ControllerReport } from '../../firmware/controller';

export function formatTime(ms: number): string {
  const s = ms / 1000, h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
}

export function formatReport(r: ControllerReport): string {
  const head = `${formatTime(r.t)}  ${r.machine.padEnd(21)}`;
  const goal = r.goal ? `  (goal ${r.goal})` : '';
  switch (r.kind) {
    case 'transition': return `${head}${r.from === r.to ? r.from : `${r.from} → ${r.to}`}  on "${r.event}"${goal}`;
    case 'beep': return `${head}beep: "${r.event}" ignored in ${r.from}`;
    // A refused step says where it led and why; a veto of a follow-goal step is followed by the rest it takes instead.
    case 'veto': return `${head}VETO: "${r.event}" refused in ${r.from}${r.to && r.to !== r.from ? ` (→ ${r.to})` : ''}: ${r.reason ?? r.detail ?? 'no reason given'}`;
    case 'impossible': return `${head}FAULT: "${r.event}" is impossible in ${r.from}`;
    case 'interlock': return `${head}INTERLOCK refused: ${r.reason ?? r.detail}`;
    case 'fault': return `${head}FAULT: ${r.detail}`;
  }
}
