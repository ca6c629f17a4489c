// The scenario report: one self-contained HTML file (no scripts, no links out) with the strip charts of the
// whole run, every expectation passed or failed and where, the invariant monitor's verdict, and the timeline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Scenario } from '../../sim/scenario/format';
import type { ScenarioResult } from '../../sim/scenario/run';
import { sequenceSvg } from './sequence';
import { esc, MARKED_KINDS, renderCharts, type Marker, type Threshold } from './chart-svg';
import type { Sample } from '../../sim/samples';
import { formatReport, formatTime, reportBody } from '../terminal/timeline';

export interface ReportInput {
  /** The scenario, for its name, file and expectations' bounds (absent for a run that is not one). */
  scenario?: Pick<Scenario, 'name' | 'description' | 'file' | 'steps' | 'seed' | 'board' | 'cluster'>;
  result: Pick<ScenarioResult, 'ok' | 'trace' | 'failures' | 'outcomes' | 'samples' | 'endMs' | 'messages'>;
  /** A heading, when there is no scenario (e.g. a soak counterexample). */
  title?: string;
  /** Extra words under the heading, e.g. how to replay it. */
  note?: string;
}

const MAX_POINTS = 3000, MAX_TIMELINE = 5000;

/** Writes the report to `path` (its folder is created). */
export function writeReport(path: string, input: ReportInput): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, reportHtml(input));
}

export function reportHtml(input: ReportInput): string {
  const { result, scenario } = input;
  const title = input.title ?? `Scenario: ${scenario?.name ?? 'unnamed'}`;
  const failedFields = new Set(result.failures.map((f) => f.field));
  const markers: Marker[] = result.trace.filter((r) => MARKED_KINDS[r.kind]).map((r) => ({ t: r.t, kind: r.kind, machine: r.machine, text: reportBody(r) }));
  for (const f of result.failures) if (f.field.startsWith('invariant')) markers.push({ t: f.t, kind: 'invariant', machine: f.field, text: f.message });
  const charts = renderCharts({
    samples: thin(result.samples), markers, from: 0, to: Math.max(result.endMs, 1),
    thresholds: thresholdsOf(scenario?.steps ?? [], failedFields),
    moments: result.failures.filter((f) => !f.field.startsWith('invariant')).map((f) => ({ t: f.t, label: `FAILED ${f.field}: ${f.message}` })),
  });
  const invariantFailures = result.failures.filter((f) => f.field.startsWith('invariant'));
  const where = scenario?.file ?? '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;color:#0f172a;background:#f8fafc;margin:0;padding:1rem 1.5rem 3rem;max-width:1200px}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.verdict{display:inline-block;padding:.2rem .7rem;border-radius:4px;font-weight:bold}.pass{background:#dcfce7;color:#14532d}.fail{background:#fee2e2;color:#7f1d1d}
.charts{background:#fff;border:1px solid #cbd5e1;border-radius:6px;padding:.5rem}.charts svg{width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #e2e8f0;padding:.25rem .5rem;text-align:left;vertical-align:top}
tr.failed td{background:#fef2f2}pre{background:#fff;border:1px solid #e2e8f0;padding:.6rem;overflow:auto;font-size:12px;max-height:40rem}
.muted{color:#475569}.sequence-wrap{background:#fff;border:1px solid #cbd5e1;border-radius:6px;overflow:auto;max-height:48rem}
</style></head>
<body>
<h1>${esc(title)}</h1>
<p><span class="verdict ${result.ok ? 'pass' : 'fail'}" id="verdict">${result.ok ? 'PASSED' : `FAILED: ${result.failures.length} problem(s)`}</span>
<span class="muted">${esc([where, scenario ? `board ${scenario.cluster ? 'cluster' : scenario.board}, seed ${scenario.seed}` : '', `ran ${formatTime(result.endMs)} of simulated time`].filter(Boolean).join(' · '))}</span></p>
${scenario?.description ? `<p>${esc(scenario.description)}</p>` : ''}${input.note ? `<p>${esc(input.note)}</p>` : ''}
<h2>Charts</h2>
<div class="charts">${charts}</div>
<p class="muted">Markers: ▼ amber a veto, purple an interlock refusal, red a fault; a thick red line is a failed expectation; dashed lines are expectations' pressure bounds. Hover for reasons.</p>
<h2>Expectations</h2>
${expectationsTable(result.outcomes, where)}
<h2>Sequence: who told whom what, and when</h2>
${sequenceSection(result.messages)}
<h2>Safety invariants</h2>
<p id="invariants">${invariantFailures.length === 0 ? `The invariant monitor found no violation in ${formatTime(result.endMs)}.`
    : `<strong>${invariantFailures.length} violation(s):</strong></p><ul>${invariantFailures.map((f) => `<li>${esc(`${formatTime(f.t)} ${f.field}: ${f.message}`)}</li>`).join('')}</ul><p>`}</p>
<h2>Faults, vetoes and refusals</h2>
${markerList(markers)}
<h2>Timeline</h2>
<pre>${esc(result.trace.slice(0, MAX_TIMELINE).map(formatReport).join('\n'))}${result.trace.length > MAX_TIMELINE ? `\n… ${result.trace.length - MAX_TIMELINE} more` : ''}</pre>
</body></html>
`;
}

function sequenceSection(messages: ScenarioResult['messages']): string {
  if (!messages) return '<p>Not recorded for this run.</p>';
  if (messages.length === 0) return '<p>No machine was told anything.</p>';
  const count = (via: string) => messages.filter((m) => m.via === via).length;
  return `<p class="muted" id="sequence-summary">${messages.length} messages: ${count('hook')} sent by hooks (blue), ${count('input')} from inputs and the scan: buttons, sensors, deadlines, the operator, held-back goals resumed (grey)${count('bus') ? `, ${count('bus')} on the bus between nodes (amber, dashed; a report is drawn only when it says a state changed)` : ''}. Time runs down; hover an arrow for its time.</p>
<div class="sequence-wrap">${sequenceSvg(messages)}</div>`;
}

function expectationsTable(outcomes: ScenarioResult['outcomes'], file: string): string {
  if (outcomes.length === 0) return '<p>No expectations.</p>';
  const rows = [...outcomes].sort((a, b) => a.t - b.t).map((o) => `<tr class="${o.ok ? 'passed' : 'failed'}"><td>${o.ok ? '✔ pass' : '✘ FAIL'}</td><td>${esc(`${file}${o.line ? `:${o.line}` : ''} ${o.field}`)}</td><td>${esc(o.kind)}</td><td>${formatTime(o.t)}</td><td>${esc(o.message ?? '')}</td></tr>`);
  return `<table id="expectations"><thead><tr><th>result</th><th>where</th><th>kind</th><th>decided at</th><th>why it failed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function markerList(markers: Marker[]): string {
  if (markers.length === 0) return '<p>None.</p>';
  return `<ul id="markers">${markers.slice(0, 500).map((m) => `<li>${esc(`${formatTime(m.t)} ${m.machine}: ${m.text}`)}</li>`).join('')}</ul>`;
}

/** The pressure bounds the scenario's expectations name: failed ones always, the rest when there are few. */
function thresholdsOf(steps: Scenario['steps'], failed: Set<string>): Threshold[] {
  const all: Threshold[] = [];
  for (const step of steps) {
    const e = 'expect' in step ? step.expect : 'eventually' in step ? step.eventually : 'always' in step ? step.always : 'never' in step ? step.never : undefined;
    for (const [place, r] of Object.entries(e?.pressures ?? {})) {
      for (const bound of ['above', 'below'] as const) {
        if (r[bound] !== undefined) all.push({ kPa: r[bound]!, label: `${step.field}: ${place} ${bound} ${r[bound]} kPa`, failed: failed.has(step.field) });
      }
    }
  }
  const shown = all.filter((t) => t.failed);
  return all.length <= 6 ? all : shown;
}

function thin(samples: readonly Sample[]): Sample[] {
  if (samples.length <= MAX_POINTS) return [...samples];
  const every = Math.ceil(samples.length / MAX_POINTS);
  return samples.filter((_, i) => i % every === 0 || i === samples.length - 1);
}
