// Strip charts as SVG text, from our own code: pressures and temperature, door positions, each machine's state
// as a labelled band, and markers for faults, vetoes and refusals with their reasons on hover. The web bench
// draws them live; the scenario report draws the whole run. No DOM, no dependencies: the same text everywhere.
import type { Sample } from './samples';

export interface Marker { t: number; kind: string; machine: string; text: string }
/** A horizontal line on the pressure chart, e.g. an expectation's bound: `bay below 2 kPa`. */
export interface Threshold { kPa: number; label: string; failed?: boolean }

export interface ChartInput {
  samples: readonly Sample[];
  markers: readonly Marker[];
  from: number;
  to: number;
  thresholds?: readonly Threshold[];
  /** A line at a moment (a failed expectation). */
  moments?: readonly { t: number; label: string }[];
}

const W = 1000, LEFT = 120, RIGHT = 16, PLOT = W - LEFT - RIGHT, BAND = 20;
const LINE_COLOURS = ['#0f172a', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#be123c', '#4d7c0f'];
const MARKER_COLOURS: { [kind: string]: string } = { fault: '#dc2626', impossible: '#dc2626', invariant: '#7f1d1d', veto: '#d97706', interlock: '#9333ea', failure: '#dc2626' };
/** The reports that become markers. */
export const MARKED_KINDS: { [kind: string]: boolean } = { fault: true, impossible: true, veto: true, interlock: true, invariant: true };

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 10) / 10).toString();
// Text styles as presentation attributes, not a <style>: the web bench's content security policy forbids inline styles.
const FONT: { [cls: string]: string } = {
  'chart-title': 'font-family="sans-serif" font-size="12" font-weight="bold" fill="#0f172a"',
  tick: 'font-family="sans-serif" font-size="10" fill="#475569"',
  'chart-legend': 'font-family="sans-serif" font-size="10" font-weight="bold"',
  'band-name': 'font-family="sans-serif" font-size="11" fill="#0f172a"',
  'band-label': 'font-family="sans-serif" font-size="10" fill="#1e293b"',
  'threshold-label': 'font-family="sans-serif" font-size="10" font-weight="bold"',
};
const text = (x: number | string, y: number | string, cls: string, content: string, more = '') =>
  `<text x="${x}" y="${y}" class="${cls}" ${FONT[cls]}${more ? ` ${more}` : ''}>${esc(content)}</text>`;

/** A state's colour: faults red, movements amber, the rest by name, so one state keeps one colour. */
export function stateColour(state: string): string {
  if (state === 'faulted') return '#fca5a5';
  if (/ing\b/.test(state)) return '#fde68a';
  let h = 0;
  for (const c of state) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return ['#bbf7d0', '#bfdbfe', '#ddd6fe', '#a5f3fc', '#e2e8f0', '#fbcfe8', '#d9f99d'][h % 7];
}

export function renderCharts(c: ChartInput): string {
  const span = Math.max(1, c.to - c.from), x = (t: number) => LEFT + ((t - c.from) / span) * PLOT;
  const samples = c.samples.filter((s) => s.t >= c.from && s.t <= c.to);
  const letters = Object.keys(samples[0]?.chamberKpa ?? {}), doors = Object.keys(samples[0]?.doors ?? {});
  const machines = [...new Set(samples.flatMap((s) => Object.keys(s.states)))];
  const parts: string[] = [];
  let y = 8;
  const panel = (title: string, height: number, lo: number, hi: number, series: { name: string; value: (s: Sample) => number }[], unit: string, extra = '') => {
    const top = y, yOf = (v: number) => top + height - ((v - lo) / (hi - lo)) * height;
    parts.push(`<g class="panel" data-panel="${esc(title)}"><rect x="${LEFT}" y="${top}" width="${PLOT}" height="${height}" fill="#fff" stroke="#cbd5e1"/>`,
      text(8, top + 14, 'chart-title', title),
      text(LEFT + 3, top + 11, 'tick', `${hi} ${unit}`), text(LEFT + 3, top + height - 3, 'tick', `${lo} ${unit}`));
    series.forEach((se, i) => {
      const pts = samples.map((s) => `${n(x(s.t))},${n(yOf(Math.max(lo, Math.min(hi, se.value(s)))))}`).join(' ');
      const colour = LINE_COLOURS[i % LINE_COLOURS.length];
      parts.push(`<polyline class="series" data-series="${esc(se.name)}" points="${pts}" fill="none" stroke="${colour}" stroke-width="${i === 0 ? 2.2 : 1.4}"${i > 0 && series.length > 5 && i % 2 === 0 ? ' stroke-dasharray="5 3"' : ''}><title>${esc(se.name)}</title></polyline>`);
      parts.push(text(8, top + 28 + i * 11, 'chart-legend', `— ${se.name}`, `fill="${colour}"`));
    });
    parts.push(extra.replace(/Y\((-?[\d.]+)\)/g, (_, v) => n(yOf(Number(v)))), '</g>');
    y += height + 14;
  };
  const thresholds = (c.thresholds ?? []).map((th) => `<g class="threshold${th.failed ? ' failed' : ''}"><line x1="${LEFT}" x2="${LEFT + PLOT}" y1="Y(${th.kPa})" y2="Y(${th.kPa})" stroke="${th.failed ? '#dc2626' : '#64748b'}" stroke-dasharray="6 4"/>`
    + text(LEFT + PLOT - 4, `Y(${th.kPa})`, 'threshold-label', th.label, `dy="-3" text-anchor="end" fill="${th.failed ? '#b91c1c' : '#334155'}"`) + '</g>').join('');
  panel('Pressure', 150, 0, 110, [{ name: 'bay', value: (s) => s.bayKpa }, ...letters.map((l) => ({ name: `chamber ${l}`, value: (s: Sample) => s.chamberKpa[l] }))], 'kPa', thresholds);
  panel('Bay temperature', 60, -50, 30, [{ name: 'bay °C', value: (s) => s.bayTempC }], '°C');
  panel('Doors (% open)', 125, 0, 100, doors.map((d) => ({ name: d === 'bay door' ? 'door E' : d.replace('airlock ', ''), value: (s: Sample) => s.doors[d] })), '%');
  parts.push(bands(samples, machines, x, y));
  y += machines.length * BAND + 6;
  parts.push(verticals(c, x, y));
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" class="strip-charts" role="img" aria-label="Strip charts from ${clock(c.from)} to ${clock(c.to)}: pressures, temperature, doors, machine states, markers">`
    + `${parts.join('')}</svg>`;
}

type X = (t: number) => number;

// State bands: one row per machine, a coloured run per state, labelled in text where there is room.
function bands(samples: readonly Sample[], machines: string[], x: X, bandsTop: number): string {
  const parts: string[] = [];
  machines.forEach((m, row) => {
    const top = bandsTop + row * BAND;
    parts.push(`<g class="band" data-machine="${esc(m)}">${text(8, top + 13, 'band-name', m)}`);
    for (let i = 0; i < samples.length;) {
      const state = samples[i].states[m];
      let j = i;
      while (j + 1 < samples.length && samples[j + 1].states[m] === state) j++;
      const x0 = x(samples[i].t), x1 = j + 1 < samples.length ? x(samples[j + 1].t) : x(samples[j].t);
      const w = Math.max(1, x1 - x0), label = state ?? 'power off';
      parts.push(`<rect x="${n(x0)}" y="${top}" width="${n(w)}" height="${BAND - 3}" fill="${state ? stateColour(state) : '#475569'}"><title>${esc(`${m}: ${label}`)}</title></rect>`);
      if (w > label.length * 5.6 + 6) parts.push(text(n(x0 + 3), top + 12, 'band-label', label));
      i = j + 1;
    }
    parts.push('</g>');
  });
  return parts.join('');
}

// The time axis, then the markers and failed moments across every panel, down to `bottom`.
function verticals(c: ChartInput, x: X, bottom: number): string {
  const line = (t: number, attrs: string) => `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="8" y2="${bottom}" ${attrs}/>`;
  const axis = timeTicks(c.from, c.to).map((t) => `${line(t, 'stroke="#e2e8f0"')}${text(n(x(t)), bottom + 12, 'tick', clock(t), 'text-anchor="middle"')}`);
  const marks = c.markers.filter((m) => m.t >= c.from && m.t <= c.to).map((m) => {
    const colour = MARKER_COLOURS[m.kind] ?? '#334155';
    return `<g class="marker" data-kind="${esc(m.kind)}">${line(m.t, `stroke="${colour}" stroke-width="1.5" opacity=".75"`)}`
      + `<path d="M${n(x(m.t) - 5)},2 h10 l-5,7 z" fill="${colour}"/><title>${esc(`${clock(m.t)} ${m.machine}: ${m.text}`)}</title></g>`;
  });
  const moments = (c.moments ?? []).map((m) => `<g class="moment">${line(m.t, 'stroke="#dc2626" stroke-width="2.5"')}<title>${esc(m.label)}</title></g>`);
  return `<g class="axis">${axis.join('')}</g>${marks.join('')}${moments.join('')}`;
}

/** `m:ss` (or `h:mm:ss`) for the axis. */
export function clock(ms: number): string {
  const s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

function timeTicks(from: number, to: number): number[] {
  const span = to - from, steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 10) ?? 3_600_000 * 6;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}
