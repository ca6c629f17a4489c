/// <reference lib="dom" />
// Every machine's matrix as the design note draws it (states down, events across), with the current state's row
// and the last cell taken marked in words as well as colour, and a reset for machines that have one.
import type { MatrixLayout, Snapshot } from '../protocol';
import { h, idOf, send, setText } from './dom';

interface Marks { row?: HTMLTableRowElement; cell?: HTMLTableCellElement }

function table(m: MatrixLayout) {
  const rows = m.states.map((state, si) => {
    const tr = h('tr', {},
      h('th', { scope: 'row' }, h('span', { class: 'now-mark', hidden: true }, '▶ now '), state),
      ...m.events.map((_, ei) => h('td', { class: `kind-${idOf(m.cells[si][ei].kind)}` },
        h('span', { class: 'last-mark', hidden: true }, '◆ last: '), m.cells[si][ei].text)));
    return tr;
  });
  const t = h('table', { class: 'matrix', id: `matrix-${idOf(m.id)}` },
    h('caption', { class: 'visually-hidden' }, `${m.id}: states down, events across`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'state \\ event'), ...m.events.map((e) => h('th', { scope: 'col' }, e)))),
    h('tbody', {}, ...rows));
  return { t, rows };
}

function mark(el: HTMLElement | undefined, cls: string, on: boolean): void {
  if (!el) return;
  el.classList.toggle(cls, on);
  const marker = el.querySelector<HTMLElement>(cls === 'current' ? '.now-mark' : '.last-mark');
  if (marker) marker.hidden = !on;
}

function machinePanel(m: MatrixLayout) {
  const { t, rows } = table(m);
  const status = h('p', { class: 'matrix-status', id: `matrix-status-${idOf(m.id)}` });
  const head = h('div', { class: 'matrix-head' }, h('h3', {}, m.id), status);
  if (m.events.includes('reset')) {
    const reset = h('button', { type: 'button', id: `reset-${idOf(m.id)}` }, `Reset ${m.id}`);
    reset.addEventListener('click', () => { void send('reset', { machine: m.id }); });
    head.append(reset);
  }
  // A wide matrix takes the whole row rather than scroll sideways.
  const section = h('section', { class: m.events.length > 7 ? 'machine wide' : 'machine', 'aria-label': `${m.id} matrix` }, head, h('div', { class: 'table-wrap' }, t));
  const marks: Marks = {};
  const update = (snap: Snapshot) => {
    const v = snap.machines[m.id];
    const row = v?.state !== undefined ? rows[m.states.indexOf(v.state)] : undefined;
    const si = v?.last ? m.states.indexOf(v.last.state) : -1, ei = v?.last ? m.events.indexOf(v.last.event) : -1;
    const cell = si >= 0 && ei >= 0 ? rows[si].cells[ei + 1] as HTMLTableCellElement : undefined;
    if (row !== marks.row) { mark(marks.row, 'current', false); mark(row, 'current', true); marks.row = row; }
    if (cell !== marks.cell) { mark(marks.cell, 'last', false); mark(cell, 'last', true); marks.cell = cell; }
    const last = v?.last ? `; last: "${v.last.event}" in ${v.last.state} (${v.last.kind})` : '';
    setText(status, v ? `state ${v.state ?? 'unknown'}${v.goal ? `, goal ${v.goal}` : ''}${last}` : 'not running');
  };
  return { section, update };
}

export function createMatrices(root: HTMLElement, machines: MatrixLayout[]): (snap: Snapshot) => void {
  const panels = machines.map(machinePanel);
  root.append(...panels.map((p) => p.section));
  return (snap) => { for (const p of panels) p.update(snap); };
}
