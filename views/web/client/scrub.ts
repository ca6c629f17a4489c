/// <reference lib="dom" />
// Scrubbing back through the bench's history: a time slider over the moments the server keeps (the last ten minutes,
// one every half second); the whole page shows the moment chosen, and "Back to live" follows the present again.
import type { Moment, Snapshot } from '../protocol';
import { formatTime, h, query, setText } from './dom';

/** How far back the server keeps moments (views/web/server.ts HISTORY), and how finely. */
const KEEP_MS = 10 * 60_000, EVERY_MS = 500;

export interface Scrub {
  /** The newest live moment: the slider's right end moves with it. */
  live(t: number): void;
  /** The moment shown, when it is not the present. */
  readonly viewing: number | undefined;
}

/** `show` draws a moment on every view; `ended` ends the charts' window at a moment (undefined: the present). */
export function createScrub(root: HTMLElement, show: (moment: Snapshot) => void, ended: (t: number | undefined) => void, latest: () => Snapshot | undefined): Scrub {
  const slider = h('input', { id: 'scrub', type: 'range', min: '0', max: '0', step: 'any', value: '0', 'aria-describedby': 'scrub-status' });
  const status = h('p', { id: 'scrub-status', class: 'scrub-status' }, 'Live');
  const back = h('button', { type: 'button', id: 'scrub-live', disabled: true }, 'Back to live');
  root.append(h('div', { class: 'buttons scrub' }, h('label', {}, 'History ', slider), back), status);
  let viewing: number | undefined, asked = 0;
  const resume = () => {
    viewing = undefined;
    back.disabled = true;
    document.body.classList.remove('scrubbing');
    setText(status, 'Live');
    slider.value = slider.max;
    ended(undefined);
    const now = latest();
    if (now) show(now);
  };
  slider.addEventListener('input', () => {
    const t = Number(slider.value);
    if (t >= Number(slider.max)) { resume(); return; }
    viewing = t;
    back.disabled = false;
    document.body.classList.add('scrubbing');
    ended(t);
    const mine = ++asked;
    void fetch(`/api/moment${query}${query ? '&' : '?'}t=${t}`).then((r) => (r.ok ? r.json() as Promise<Moment> : undefined)).then((m) => {
      if (!m || mine !== asked || viewing === undefined) return;
      show({ ...m, audit: [], samples: [] });
      setText(status, `Showing ${formatTime(m.t)}, ${formatTime(Number(slider.max) - m.t)} ago: inputs still act on the live bench`);
      document.body.dataset.viewing = String(m.t);
    });
  });
  back.addEventListener('click', resume);
  return {
    live(t) {
      slider.min = String(Math.max(0, Math.floor((t - KEEP_MS) / EVERY_MS) * EVERY_MS));
      const atEnd = viewing === undefined;
      slider.max = String(t);
      if (atEnd) slider.value = String(t);
    },
    get viewing() { return viewing; },
  };
}
