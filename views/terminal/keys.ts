// The keys of `npm start`: every button, the deck's requests, and faults to inject.
import { shipAirlocks, type AirlockLetter } from '../../firmware/board/signals';
import type { SimWorld } from '../../sim/world';
import { buttonSummary } from './buttons';

/** What the keys act on: the simulated world, or the bench's controller and (in hybrid mode) its physics. */
// `request` tells the invariant monitor it is a fresh request (invariant 9); a bench without one sends the event.
export type KeyWorld = Pick<SimWorld, 'model' | 'controller' | 'press'> & Partial<Pick<SimWorld, 'request'>>;

export interface KeyAction { key: string; label: string; run(world: KeyWorld): string | void }

// Keys for buttons 1–4, a row per airlock in the order the board hosts them (the first four are the ship's A–D).
const buttonRows = ['1234', 'qwer', 'asdf', 'zxcv', '5678', 'tyio', 'ghk;', 'bnm,'];

// Jam targets after `j`: e = door E (no airlock is named E), an airlock's letter in lower case its outer door,
// in upper case its inner door.
function jamTarget(key: string, letters: readonly AirlockLetter[]): string | undefined {
  if (key === 'e') return 'bay door';
  const upper = key.toUpperCase() as AirlockLetter;
  if (!letters.includes(upper)) return undefined;
  return `airlock ${upper} ${key === upper ? 'inner' : 'outer'}`;
}

/** Every key's action for a bay with these airlocks. */
function keyActionsFor(letters: readonly AirlockLetter[]): KeyAction[] {
  return [
    ...letters.slice(0, buttonRows.length).flatMap((l, row) => [...buttonRows[row]].map((key, i) => ({
      key, label: `airlock ${l} button ${i + 1}`, run: (w: KeyWorld) => w.press(`airlock ${l} button ${i + 1}`),
    }))),
    ...commonActions,
  ];
}

const commonActions: KeyAction[] = [
  ...(['active', 'ready', 'relaxed'] as const).map((r) => ({
    key: r === 'active' ? 'A' : r === 'ready' ? 'R' : 'X', label: `deck: ${r} requested`,
    run: (w: KeyWorld) => { if (w.request) w.request(r); else w.controller.send('battle deck', `${r} requested`); },
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
    for (const l of w.model.letters) { w.model.unjam(`airlock ${l} outer`); w.model.unjam(`airlock ${l} inner`); w.model.airlocks[l].pumpDead = false; }
    return 'faults cleared';
  } },
];

/** The keys of the ship's own bay (A–D). */
export const keyActions = keyActionsFor(shipAirlocks);

/** Handles one key; `pending` carries a `j` waiting for its door. Returns a message for the status line. */
export function handleKey(world: KeyWorld, key: string, pending: { jam: boolean }): string | undefined {
  if (pending.jam) {
    pending.jam = false;
    const door = jamTarget(key, world.model.letters);
    if (!door) return 'jam: unknown door';
    const d = world.model.door(door);
    d.jammed = !d.jammed;
    return `${door.endsWith('door') ? door : `${door} door`} ${d.jammed ? 'jammed' : 'free'}`;
  }
  const letters = world.model.letters;
  if (key === 'j') { pending.jam = true; return `jam which door? e = door E, ${letters.join('').toLowerCase()} outer, ${letters.join('')} inner`; }
  const action = keyActionsFor(letters).find((a) => a.key === key);
  if (!action) return undefined;
  return action.run(world) ?? action.label;
}

/** Each airlock's button keys, short: `A 1234 B qwer C asdf D zxcv`. */
export const buttonKeys = (letters: readonly AirlockLetter[]) => letters.slice(0, buttonRows.length).map((l, i) => `${l} ${buttonRows[i]}`).join(' ');

/** The keys in words, for a bay with these airlocks. */
export function keyHelpFor(letters: readonly AirlockLetter[]): string {
  const rows = letters.slice(0, buttonRows.length).map((l, i) => `${i === 0 ? 'airlock ' : ''}${l} ${[...buttonRows[i]].join(' ')}`).join(' | ');
  const lower = letters.join('').toLowerCase();
  return [
    `Buttons: ${rows} (buttons 1–4 in order)`,
    `  ${buttonSummary}`,
    'Deck: A active requested, R ready requested, X relaxed requested',
    `Faults: l leak on/off, j then e|${lower}|${letters.join('')} jam or free door E / an outer / an inner door, u clear all faults, ! reset faulted machines`,
    'Time: space pause, + faster, - slower, ? this help | Ctrl-C quits',
  ].join('\n');
}

export const keyHelp = keyHelpFor(shipAirlocks);
