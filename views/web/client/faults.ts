/// <reference lib="dom" />
// Fault injection: a leak, a jammed door, a dead pump, a stuck sensor; cut or heal a link waits for multi-node mode.
import type { Choice, DoorView, Layout, Snapshot } from '../protocol';
import { h, send, setText } from './dom';

type Control = { element: HTMLElement; update(snap: Snapshot): void };

/**
 * A choice that stays chosen: kept in the tab's session storage, so neither a jam, a reconnection nor a reload of
 * the page puts it back to the first choice (door E).
 */
function select(id: string, choices: Choice[]): HTMLSelectElement {
  const el = h('select', { id }, ...choices.map((c) => h('option', { value: c.id }, c.label)));
  const kept = remembered(id);
  if (kept !== null && choices.some((c) => c.id === kept)) el.value = kept;
  el.addEventListener('change', () => { try { sessionStorage.setItem(`bench-choice-${id}`, el.value); } catch { /* storage off: choose again */ } });
  return el;
}
function remembered(id: string): string | null {
  try { return sessionStorage.getItem(`bench-choice-${id}`); } catch { return null; }
}
const labelled = (text: string, control: HTMLElement) => h('label', {}, `${text} `, control);
const fieldset = (legend: string, ...children: HTMLElement[]) => h('fieldset', {}, h('legend', {}, legend), ...children);
function button(id: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', id }, text);
  b.addEventListener('click', onClick);
  return b;
}

function doorOf(snap: Snapshot, id: string): DoorView | undefined {
  if (id === 'bay door') return snap.bayDoor;
  const [, letter, side] = id.split(' ');
  return snap.airlocks[letter]?.[side as 'outer' | 'inner'];
}
const pumpDead = (snap: Snapshot, id: string) => (id === 'bay' ? snap.bay.pumpDead : snap.airlocks[id]?.pumpDead === true);
function reading(snap: Snapshot, signal: string): number {
  if (signal === 'bay pressure') return snap.bay.kPa;
  if (signal === 'bay temperature') return snap.bay.tempC;
  return snap.airlocks[signal.split(' ')[1]]?.chamberKpa ?? 0;
}

function leakControl(now: () => Snapshot | undefined): Control {
  const rate = h('select', { id: 'leak-rate' }, ...['0.5', '2', '10'].map((r) => h('option', { value: r, selected: r === '2' }, r)));
  const toggle = button('leak-toggle', 'Start leak', () => { void send('leak', { kPaPerS: (now()?.bay.leakKpaPerS ?? 0) > 0 ? 0 : Number(rate.value) }); });
  const status = h('p', { id: 'leak-status' });
  return {
    element: fieldset('Leak in the bay', labelled('Rate (kPa/s)', rate), toggle, status),
    update(snap) {
      const leaking = snap.bay.leakKpaPerS > 0;
      setText(toggle, leaking ? 'Seal the leak' : 'Start leak');
      setText(status, leaking ? `Leaking ${snap.bay.leakKpaPerS} kPa/s` : 'Hull sound');
    },
  };
}

/** Jam a door or kill a pump: pick one, toggle it, and read which are broken. */
function toggleControl(o: { legend: string; label: string; id: string; choices: Choice[]; on: [string, string]; status: [string, string];
  broken(snap: Snapshot, id: string): boolean; send(id: string, broken: boolean): void }, now: () => Snapshot | undefined): Control {
  const choice = select(`${o.id}-choice`, o.choices);
  const toggle = button(`${o.id}-toggle`, o.on[0], () => { const snap = now(); o.send(choice.value, !(snap && o.broken(snap, choice.value))); });
  const status = h('p', { id: `${o.id}-status` });
  const update = (snap: Snapshot) => {
    setText(toggle, o.broken(snap, choice.value) ? o.on[1] : o.on[0]);
    const broken = o.choices.filter((c) => o.broken(snap, c.id)).map((c) => c.label);
    setText(status, broken.length ? `${o.status[0]}: ${broken.join(', ')}` : o.status[1]);
  };
  // The toggle names what it will do to the part now chosen, even while nothing else changes (paused).
  choice.addEventListener('change', () => { const snap = now(); if (snap) update(snap); });
  return { element: fieldset(o.legend, labelled(o.label, choice), toggle, status), update };
}

function sensorControl(layout: Layout, now: () => Snapshot | undefined): Control {
  const sensor = select('sensor-signal', layout.sensors);
  const mode = h('select', { id: 'sensor-fault' }, h('option', { value: 'stuck' }, 'stuck at a reading'), h('option', { value: 'out of range' }, 'out of range'));
  const value = h('input', { id: 'sensor-value', type: 'number', step: '0.1', placeholder: 'blank: as it reads now' });
  const apply = button('sensor-apply', 'Apply sensor fault', () => {
    const snap = now();
    const stuckAt = value.value !== '' ? Number(value.value) : snap ? Number(reading(snap, sensor.value).toFixed(1)) : 0;
    void send('sensor', { signal: sensor.value, fault: mode.value, value: stuckAt });
  });
  const clear = button('sensor-clear', 'Sensor reads true', () => { void send('sensor', { signal: sensor.value, fault: 'none' }); });
  const status = h('p', { id: 'sensor-status' });
  return {
    element: fieldset('Stick a sensor', labelled('Sensor', sensor), labelled('Fault', mode), labelled('Stuck at', value), apply, clear, status),
    update(snap) {
      const faults = Object.entries(snap.sensorFaults).map(([signal, f]) => `${signal} ${f}`);
      setText(status, faults.length ? `Faulty: ${faults.join(', ')}` : 'Every sensor reads true');
    },
  };
}

// MULTI-NODE: cut or heal a link between two nodes; enabled when the layout lists links (the server's `link` input).
function linkControl(layout: Layout): Control {
  const link = select('link-choice', layout.links);
  const none = layout.links.length === 0;
  const element = h('fieldset', { id: 'link-faults', disabled: none }, h('legend', {}, 'Cut or heal a link'),
    h('p', {}, none ? 'Needs multi-node mode: here one board runs every machine, with no links.' : ''),
    labelled('Link', link), button('link-cut', 'Cut link', () => { void send('link', { link: link.value, cut: true }); }),
    button('link-heal', 'Heal link', () => { void send('link', { link: link.value, cut: false }); }));
  return { element, update() {} };
}

export function createFaults(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  let last: Snapshot | undefined;
  const now = () => last;
  const controls = [
    leakControl(now),
    toggleControl({ legend: 'Jam a door', label: 'Door', id: 'jam', choices: layout.doors, on: ['Jam door', 'Free door'], status: ['Jammed', 'Every door free'],
      broken: (snap, id) => doorOf(snap, id)?.jammed === true, send: (door, jammed) => { void send('jam', { door, jammed }); } }, now),
    toggleControl({ legend: 'Kill a pump', label: 'Pump', id: 'pump', choices: layout.pumps, on: ['Kill pump', 'Revive pump'], status: ['Dead', 'Every pump running'],
      broken: pumpDead, send: (pump, dead) => { void send('pump', { pump, dead }); } }, now),
    sensorControl(layout, now),
    linkControl(layout),
  ];
  const resetFaulted = () => {
    for (const [id, m] of Object.entries(last?.machines ?? {})) if (m.state === 'faulted') void send('reset', { machine: id });
  };
  root.append(...controls.map((c) => c.element),
    h('div', { class: 'buttons' }, button('clear-faults', 'Clear every fault', () => { void send('clear-faults'); }),
      button('reset-faulted', 'Reset every faulted machine', resetFaulted)));
  return (snap) => { last = snap; for (const c of controls) c.update(snap); };
}
