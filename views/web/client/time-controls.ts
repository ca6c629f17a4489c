/// <reference lib="dom" />
// Time controls: pause or run, step while paused, and the speed (×1 to ×100); the clock shown in words.
import type { Layout, Snapshot } from '../protocol';
import { formatTime, h, send, setText } from './dom';

export function createTimeControls(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  let paused = false;
  const clock = h('p', { id: 'clock', class: 'clock' }, '…');
  const pause = h('button', { type: 'button', id: 'pause', 'aria-pressed': 'false' }, 'Pause');
  pause.addEventListener('click', () => { void send('pause', { paused: !paused }); });
  const step = h('button', { type: 'button', id: 'step' }, `Step ${layout.stepMs / 1000} s`);
  step.addEventListener('click', () => { void send('step'); });
  const speed = h('select', { id: 'speed' }, ...layout.speeds.map((x) => h('option', { value: String(x) }, `×${x}`)));
  speed.addEventListener('change', () => { void send('speed', { speed: Number(speed.value) }); });
  root.append(clock, h('div', { class: 'buttons' }, pause, step, h('label', {}, 'Speed ', speed)));
  return (snap) => {
    paused = snap.paused;
    setText(clock, `t ${formatTime(snap.t)} · ×${snap.speed} · ${snap.paused ? 'PAUSED' : 'running'}${snap.powered ? '' : ' · POWER OFF'}`);
    setText(pause, snap.paused ? 'Resume' : 'Pause');
    pause.setAttribute('aria-pressed', String(snap.paused));
    if (document.activeElement !== speed && speed.value !== String(snap.speed)) {
      if (!layout.speeds.includes(snap.speed)) speed.append(h('option', { value: String(snap.speed) }, `×${snap.speed}`));
      speed.value = String(snap.speed);
    }
  };
}
