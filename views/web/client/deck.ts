/// <reference lib="dom" />
// The battle deck's panel (state, goal, requests, the goal's requirements met or not) and the indicators.
import type { Layout, Snapshot } from '../protocol';
import { byId, h, idOf, send, setText } from './dom';

const REQUEST_LABEL: { [r: string]: string } = { active: 'Active (launch)', ready: 'Ready (red alert)', relaxed: 'Relaxed (stand down)' };
const INDICATORS: [keyof Snapshot['outputs'], string][] = [['klaxon', 'Klaxon'], ['warningLights', 'Warning lights'], ['beeper', 'Beeper']];

export function createDeck(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  const requests = layout.deckRequests.map((r) => {
    const b = h('button', { type: 'button', id: `deck-request-${r}` }, `Request ${REQUEST_LABEL[r] ?? r}`);
    b.addEventListener('click', () => { void send('deck', { request: r }); });
    return b;
  });
  const requirements = h('ul', { id: 'deck-requirements', class: 'requirements' });
  root.append(
    h('dl', {}, h('div', {}, h('dt', {}, 'State'), h('dd', { id: 'deck-state' }, '…')), h('div', {}, h('dt', {}, 'Goal'), h('dd', { id: 'deck-goal' }, '…'))),
    h('div', { class: 'buttons', role: 'group', 'aria-label': 'Deck requests' }, ...requests),
    h('h3', {}, 'What the goal requires'), requirements,
  );
  return (snap) => {
    setText(byId('deck-state'), snap.deck ? snap.deck.state ?? 'unknown' : 'not on this board');
    setText(byId('deck-goal'), snap.deck?.goal ?? 'none');
    const rows = snap.deck?.requirements ?? [];
    const lines = rows.map((r) => `${r.met ? '✓ met' : '✗ not met'}: ${r.part} ${r.wanted} (now ${r.now})`);
    if (requirements.dataset.lines === lines.join('|')) return;
    requirements.dataset.lines = lines.join('|');
    requirements.replaceChildren(...(lines.length ? rows.map((r, i) => h('li', { class: r.met ? 'met' : 'unmet', id: `requirement-${idOf(r.part)}` }, lines[i]))
      : [h('li', {}, 'no goal')]));
  };
}

/** The indicators in the header: each says ON or off in words, and lights up. */
export function createIndicators(root: HTMLElement): (snap: Snapshot) => void {
  const pills = INDICATORS.map(([key, label]) => {
    const pill = h('span', { class: 'indicator', id: `indicator-${idOf(key === 'warningLights' ? 'warning lights' : key)}` });
    root.append(pill);
    return { key, label, pill };
  });
  return (snap) => {
    for (const { key, label, pill } of pills) {
      const on = snap.outputs[key];
      setText(pill, `${label} ${on ? 'ON' : 'off'}`);
      pill.classList.toggle('on', on);
    }
  };
}
