/// <reference lib="dom" />
// Each airlock's controls under the drawing: its state, goal, doors and chamber in words, and its buttons 1–4.
import type { Layout, Snapshot } from '../protocol';
import { buttonMeaning, buttonPlaces } from '../../terminal/buttons';
import { byId, h, kPa, send, setText } from './dom';
import { sensorLine } from './sensors';

function card(letter: string) {
  const id = (part: string) => `airlock-${letter}-${part}`;
  const field = (label: string, part: string) => h('div', {}, h('dt', {}, label), h('dd', { id: id(part) }, '…'));
  const buttons = [1, 2, 3, 4].map((n) => {
    const b = h('button', { type: 'button', id: id(`button-${n}`), 'aria-label': `Airlock ${letter} button ${n}, ${buttonMeaning(n)}`, title: `Button ${n}: ${buttonMeaning(n)}` },
      h('span', { class: 'button-number' }, String(n)), ` ${buttonPlaces[n - 1]}`);
    b.addEventListener('click', () => { void send('press', { signal: `airlock ${letter} button ${n}` }); });
    return b;
  });
  const section = h('section', { class: 'airlock-card', 'aria-labelledby': id('heading') },
    h('h3', { id: id('heading') }, `Airlock ${letter}`),
    h('dl', {}, field('State', 'state'), field('Goal', 'goal'), field('Outer door', 'outer'), field('Inner door', 'inner'), field('Chamber', 'chamber'), field('Sensor', 'sensor')),
    h('p', { class: 'flags', id: id('flags') }),
    h('div', { class: 'buttons', role: 'group', 'aria-label': `Airlock ${letter} buttons` }, ...buttons));
  return { section, buttons };
}

export function createAirlockControls(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  const cards = layout.airlocks.map((l) => ({ letter: l, ...card(l) }));
  root.append(...cards.map((c) => c.section));
  return (snap) => {
    for (const { letter, buttons } of cards) {
      const a = snap.airlocks[letter], m = snap.machines[`airlock ${letter}`];
      const f = (part: string, value: string) => setText(byId(`airlock-${letter}-${part}`), value);
      f('state', m?.state ?? 'unknown');
      f('goal', m?.goal ?? 'none');
      f('outer', a.outer.label);
      f('inner', a.inner.label);
      f('chamber', `${kPa(a.chamberKpa)} (physics), pump ${a.pumpOn ? 'on' : 'off'}, vent ${a.ventOn ? 'on' : 'off'}`);
      const sensor = snap.sensors.find((s) => s.signal === `airlock ${letter} chamber pressure`);
      f('sensor', sensor ? sensorLine(sensor) : 'not wired');
      byId(`airlock-${letter}-sensor`).classList.toggle('differs', sensor?.differs === true);
      f('flags', [a.recalled && 'Recalled (red alert): outer door refused until inner open', a.heldBack && 'Held back: waiting for a stable bay',
        a.pumpDead && 'Pump dead', m?.state === 'faulted' && 'FAULTED: needs a reset'].filter(Boolean).join('. '));
      buttons.forEach((b, i) => b.classList.toggle('lit', a.buttons[i]));
    }
  };
}
