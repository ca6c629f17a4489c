// Strip charts as SVG text, from our own code: pressures and temperature, door positions, each machine's state
// as a labelled band, and markers for faults, vetoes and refusals with their reasons on hover. The web bench
// draws them live; the scenario report draws the whole run. No DOM, no dependencies: the same text everywhere.
import type { Sample } from '../../sim/samples';

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
// Ten colours told apart by most eyes (Tableau 10), each series also a dash and a marker shape of its own: two
// series on the same value (door E and D inner, both closed) still show both, and print in grey.
const LINE_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'bar'] as const;
/** Markers along a line, every this many pixels; each series starts at its own offset so equal lines show both. */
const MARK_EVERY = 60;

/** The style of series `i` in a panel: no two of the first 30 share colour and dash. */
function seriesStyle(i: number): { colour: string; dash: string; shape: (typeof SHAPES)[number] } {
  return { colour: LINE_COLOURS[i % LINE_COLOURS.length], dash: DASHES[(i + Math.floor(i / LINE_COLOURS.length)) % DASHES.length], shape: SHAPES[i % SHAPES.length] };
}

function shape(kind: (typeof SHAPES)[number], cx: number, cy: number, colour: string): string {
  const at = (dx: number, dy: number) => `${n(cx + dx)},${n(cy + dy)}`;
  switch (kind) {
    case 'circle': return `<circle cx="${n(cx)}" cy="${n(cy)}" r="3" fill="${colour}"/>`;
    case 'square': return `<rect x="${n(cx - 3)}" y="${n(cy - 3)}" width="6" height="6" fill="${colour}"/>`;
    case 'triangle': return `<path d="M${at(0, -4)} L${at(3.5, 3)} L${at(-3.5, 3)} z" fill="${colour}"/>`;
    case 'diamond': return `<path d="M${at(0, -4)} L${at(4, 0)} L${at(0, 4)} L${at(-4, 0)} z" fill="${colour}"/>`;
    case 'cross': return `<path d="M${at(-3, -3)} L${at(3, 3)} M${at(3, -3)} L${at(-3, 3)}" stroke="${colour}" stroke-width="2"/>`;
    case 'bar': return `<path d="M${at(0, -4)} L${at(0, 4)}" stroke="${colour}" stroke-width="2.5"/>`;
  }
}

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
  'band-callout': 'font-family="sans-serif" font-size="9.5" fill="#1e293b"',
  'threshold-label': 'font-family="sans-serif" font-size="10" font-weight="bold"',
};
const text = (x: number | string, y: number | string, cls: string, content: string, more = '') =>
  `<text x="${x}" y="${y}" class="${cls}" ${FONT[cls]}${more ? ` ${more}` : ''}>${esc(content)}</text>`;

/** A state's colour: faults red, movements amber, the rest by name, so one state keeps one colour. */
function stateColour(state: string): string {
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
      const xy = samples.map((s) => [x(s.t), yOf(Math.max(lo, Math.min(hi, se.value(s))))]);
      const { colour, dash, shape: kind } = seriesStyle(i), dashed = dash ? ` stroke-dasharray="${dash}"` : '';
      const style = `data-colour="${colour}" data-dash="${dash}" data-shape="${kind}"`;
      parts.push(`<g class="series" data-series="${esc(se.name)}" ${style}><polyline points="${xy.map(([a, b]) => `${n(a)},${n(b)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="1.6"${dashed}/>`
        + markersAlong(xy, i * (MARK_EVERY / series.length), kind, colour) + `<title>${esc(se.name)}</title></g>`);
      const ly = top + 26 + i * 11;
      parts.push(`<g class="legend-item" data-series="${esc(se.name)}" ${style}><line x1="8" x2="30" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dashed}/>${shape(kind, 19, ly, colour)}`
        + `${text(34, ly + 3.5, 'chart-legend', se.name, `fill="${colour}"`)}</g>`);
    });
    parts.push(extra.replace(/Y\((-?[\d.]+)\)/g, (_, v) => n(yOf(Number(v)))), '</g>');
    y += height + 14;
  };
  const thresholds = (c.thresholds ?? []).map((th) => `<g class="threshold${th.failed ? ' failed' : ''}"><line x1="${LEFT}" x2="${LEFT + PLOT}" y1="Y(${th.kPa})" y2="Y(${th.kPa})" stroke="${th.failed ? '#dc2626' : '#64748b'}" stroke-dasharray="6 4"/>`
    + text(LEFT + PLOT - 4, `Y(${th.kPa})`, 'threshold-label', th.label, `dy="-3" text-anchor="end" fill="${th.failed ? '#b91c1c' : '#334155'}"`) + '</g>').join('');
  panel('Pressure', 150, 0, 110, [{ name: 'bay', value: (s) => s.bayKpa }, ...letters.map((l) => ({ name: `chamber ${l}`, value: (s: Sample) => s.chamberKpa[l] }))], 'kPa', thresholds);
  panel('Bay temperature', 60, -50, 30, [{ name: 'bay °C', value: (s) => s.bayTempC }], '°C');
  panel('Doors (% open)', 125, 0, 100, doors.map((d) => ({ name: d === 'bay door' ? 'door E' : d.replace('airlock ', ''), value: (s: Sample) => s.doors[d] })), '%');
  const stateBands = bands(samples, machines, x, y);
  parts.push(stateBands.svg);
  y += stateBands.height + 6;
  parts.push(verticals(c, x, y));
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" class="strip-charts" role="img" aria-label="Strip charts from ${clock(c.from)} to ${clock(c.to)}: pressures, temperature, doors, machine states, markers">`
    + `${parts.join('')}</svg>`;
}

type X = (t: number) => number;

// A marker every MARK_EVERY pixels along the line, starting `offset` pixels in.
function markersAlong(xy: number[][], offset: number, kind: (typeof SHAPES)[number], colour: string): string {
  const out: string[] = [];
  let next = (xy[0]?.[0] ?? 0) + offset;
  for (const [a, b] of xy) if (a >= next) { out.push(shape(kind, a, b, colour)); next = a + MARK_EVERY; }
  return out.join('');
}

// State bands: one row per machine, a coloured run per state, labelled in text inside where there is room; a
// narrower run is labelled on a callout line under its row (two at most, packed left to right), so every state a
// machine passed through is named, however briefly it stayed.
const CHAR_W = 5.6, CALLOUT = 11, CALLOUT_LINES = 2;
function bands(samples: readonly Sample[], machines: string[], x: X, bandsTop: number): { svg: string; height: number } {
  const parts: string[] = [];
  let top = bandsTop;
  for (const m of machines) {
    parts.push(`<g class="band" data-machine="${esc(m)}">${text(8, top + 13, 'band-name', m)}`);
    const ends = Array<number>(CALLOUT_LINES).fill(-Infinity);
    let used = 0;
    for (let i = 0; i < samples.length;) {
      const state = samples[i].states[m];
      let j = i;
      while (j + 1 < samples.length && samples[j + 1].states[m] === state) j++;
      const x0 = x(samples[i].t), x1 = j + 1 < samples.length ? x(samples[j + 1].t) : x(samples[j].t);
      const w = Math.max(1, x1 - x0), label = stateLabel(state), wide = label.length * CHAR_W;
      parts.push(`<rect x="${n(x0)}" y="${top}" width="${n(w)}" height="${BAND - 3}" fill="${state == null ? '#475569' : stateColour(state)}" data-state="${esc(label)}"><title>${esc(`${m}: ${label}`)}</title></rect>`);
      if (w > wide + 6) parts.push(text(n(x0 + 3), top + 12, 'band-label', label));
      else {
        const line = ends.findIndex((end) => end + 4 <= x0);
        if (line >= 0) {
          const y = top + BAND - 3 + (line + 1) * CALLOUT;
          parts.push(`<g class="callout"><line x1="${n(x0 + w / 2)}" x2="${n(x0 + w / 2)}" y1="${top + BAND - 3}" y2="${y - 7}" stroke="#64748b"/>${text(n(x0), y, 'band-callout', label)}</g>`);
          ends[line] = x0 + wide;
          used = Math.max(used, line + 1);
        }
      }
      i = j + 1;
    }
    parts.push('</g>');
    top += BAND + used * CALLOUT;
  }
  return { svg: parts.join(''), height: top - bandsTop };
}

/** A state in words: an unknown state (not yet known after boot, or the power off) is said, never defaulted. */
export const stateLabel = (state: string | null | undefined) => state ?? 'unknown';

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
function clock(ms: number): string {
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
