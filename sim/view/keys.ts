// The keys of `npm start`: every button, the deck's requests, and faults to inject.
import { airlockLetters } from '../../firmware/board/signals';
import type { SimWorld } from '../world';
import { buttonSummary } from './buttons';

/** What the keys act on: the simulated world, or the bench's controller and (in hybrid mode) its physics. */
export type KeyWorld = Pick<SimWorld, 'model' | 'controller' | 'press'>;

export interface KeyAction { key: string; label: string; run(world: KeyWorld): string | void }

const buttonRows = ['1234', 'qwer', 'asdf', 'zxcv'];

// Jam targets after `j`: e = door E, a–d the outer door of airlock A–D, A–D its inner door.
function jamTarget(key: string): string | undefined {
  if (key === 'e') return 'bay door';
  const outer = 'abcd'.indexOf(key), inner = 'ABCD'.indexOf(key);
  if (outer >= 0) return `airlock ${airlockLetters[outer]} outer`;
  if (inner >= 0) return `airlock ${airlockLetters[inner]} inner`;
  return undefined;
}

export const keyActions: KeyAction[] = [
  ...airlockLetters.flatMap((l, row) => [...buttonRows[row]].map((key, i) => ({
    key, label: `airlock ${l} button ${i + 1}`, run: (w: KeyWorld) => w.press(`airlock ${l} button ${i + 1}`),
  }))),
  ...(['active', 'ready', 'relaxed'] as const).map((r) => ({
    key: r === 'active' ? 'A' : r === 'ready' ? 'R' : 'X', label: `deck: ${r} requested`,
    run: (w: KeyWorld) => { w.controller.send('battle deck', `${r} requested`); },
  })),
  { key: 'l', label: 'leak in the bay (again to seal it)', run: (w) => {
    w.model.bay.leakKpaPerS = w.model.bay.leakKpaPerS > 0 ? 0 : 2;
    return w.model.bay.leakKpaPerS > 0 ? 'leak: 2 kPa/s' : 'leak sealed';
  } },
  { key: '!', label: 'operator reset of every faulted machine', run: (w) => {
    const faulted = Object.entries(w.controller.machines).filter(([, m]) => m?.state === 'faulted').map(([id]) => id);
    for (const id of faulted) w.controller.send(id as 'bay door', 'reset');
    return faulted.length ? `reset: ${faulted.join(', ')}` : 'reset: nothing is faulted';
  } },
  { key: 'u', label: 'clear every fault (unjam, seal, revive pumps)', run: (w) => {
    w.model.bay.leakKpaPerS = 0; w.model.bay.pumpDead = false; w.model.unjam('bay door');
    for (const l of airlockLetters) { w.model.unjam(`airlock ${l} outer`); w.model.unjam(`airlock ${l} inner`); w.model.airlocks[l].pumpDead = false; }
    return 'faults cleared';
  } },
];

/** Handles one key; `pending` carries a `j` waiting for its door. Returns a message for the status line. */
export function handleKey(world: KeyWorld, key: string, pending: { jam: boolean }): string | undefined {
  if (pending.jam) {
    pending.jam = false;
    const door = jamTarget(key);
    if (!door) return 'jam: unknown door';
    const d = world.model.door(door);
    d.jammed = !d.jammed;
    return `${door.endsWith('door') ? door : `${door} door`} ${d.jammed ? 'jammed' : 'free'}`;
  }
  if (key === 'j') { pending.jam = true; return 'jam which door? e = door E, a–d outer, A–D inner'; }
  const action = keyActions.find((a) => a.key === key);
  if (!action) return undefined;
  return action.run(world) ?? action.label;
}

export const keyHelp = [
  'Buttons: airlock A 1 2 3 4 | B q w e r | C a s d f | D z x c v (buttons 1–4 in order)',
  `  ${buttonSummary}`,
  'Deck: A active requested, R ready requested, X relaxed requested',
  'Faults: l leak on/off, j then e|a–d|A–D jam or free door E / an outer / an inner door, u clear all faults, ! reset faulted machines',
  'Time: space pause, + faster, - slower, ? this help | Ctrl-C quits',
].join('\n');
