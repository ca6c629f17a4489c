/// <reference lib="dom" />
// Strip charts, live: the last 2–10 minutes of pressures, temperature, doors and machine states, with markers for
// faults, vetoes and refusals (reasons on hover) and the same markers as an accessible list.
import type { AuditLine, Sample, Snapshot } from '../protocol';
import { MARKED_KINDS, renderCharts, type Marker } from '../../report/chart-svg';
import { formatTime, h, query, setText } from './dom';

const WINDOWS = [2, 5, 10];
/** Redraw at most this often (wall ms): the chart is text, rebuilt whole. */
const REDRAW_MS = 400;

export interface Charts {
  update(snap: Snapshot): void;
  audit(lines: AuditLine[]): void;
  /** Ends the charted window at a past moment (scrubbing), or at the present again (undefined). */
  endAt(t: number | undefined): void;
}

export function createCharts(root: HTMLElement): Charts {
  const samples: Sample[] = [], markers: Marker[] = [];
  let minutes = 2, now = 0, lastDraw = 0, dirty = true, end: number | undefined;
  const choose = h('select', { id: 'chart-window' }, ...WINDOWS.map((m) => h('option', { value: String(m) }, `last ${m} minutes`)));
  choose.addEventListener('change', () => { minutes = Number(choose.value); dirty = true; draw(true); });
  const figure = h('div', { id: 'strip-charts', class: 'strip-charts' });
  const caption = h('p', { id: 'chart-caption', class: 'legend' });
  const list = h('ol', { id: 'chart-markers', class: 'chart-markers', 'aria-label': 'Faults, vetoes and refusals in the charted window, newest first' });
  const vcd = h('a', { id: 'vcd-download', href: `/api/vcd${query}`, download: '' }, 'Download every pin as VCD (GTKWave, PulseView)');
  root.append(h('div', { class: 'buttons' }, h('label', {}, 'Show ', choose), vcd), figure, caption,
    h('h3', {}, 'Faults, vetoes and refusals'), list);
  // The history so far, once; the live messages bring the rest.
  void fetch(`/api/history${query}`).then((r) => r.json()).then((old: Sample[]) => {
    const first = samples[0]?.t ?? Infinity;
    samples.unshift(...old.filter((x) => x.t < first));
    dirty = true;
  }).catch(() => {});

  let pending: number | undefined;
  function draw(force = false) {
    const wall = Date.now();
    if (!dirty) return;
    // Too soon after the last drawing: draw once more when it is time, so the last moment is always drawn.
    if (!force && wall - lastDraw < REDRAW_MS) { pending ??= window.setTimeout(() => { pending = undefined; draw(); }, REDRAW_MS - (wall - lastDraw)); return; }
    lastDraw = wall; dirty = false;
    const at = end ?? now, from = Math.max(0, at - minutes * 60_000), to = Math.max(at, from + 1000);
    figure.innerHTML = renderCharts({ samples, markers, from, to });
    const shown = markers.filter((m) => m.t >= from && m.t <= to).reverse();
    list.replaceChildren(...shown.slice(0, 100).map((m) => h('li', { class: `marker-${m.kind}` }, `${formatTime(m.t)} ${m.machine}: ${m.text}`)));
    if (shown.length === 0) list.append(h('li', {}, 'none in this window'));
    setText(caption, `From ${formatTime(from)} to ${formatTime(to)}: ${samples.filter((x) => x.t >= from && x.t <= to).length} samples, ${shown.length} markers. Hover a marker or a band for its reason or state.`);
    figure.dataset.to = String(to);
  }

  return {
    update(snap) {
      const last = samples[samples.length - 1]?.t ?? -Infinity;
      for (const x of snap.samples) if (x.t > last) samples.push(x);
      if (snap.samples.length) dirty = true;
      // A reboot of the world (time went back) starts the history again.
      if (snap.t < now) { samples.length = 0; markers.length = 0; }
      if (snap.t !== now) dirty = true;
      now = snap.t;
      const oldest = now - 10 * 60_000;
      while (samples.length && samples[0].t < oldest) samples.shift();
      while (markers.length && markers[0].t < oldest) markers.shift();
      draw();
    },
    endAt(t) { end = t; dirty = true; draw(true); },
    audit(lines) {
      for (const l of lines) if (MARKED_KINDS[l.kind]) { markers.push({ t: l.t, kind: l.kind, machine: l.machine, text: l.what }); dirty = true; }
    },
  };
}
