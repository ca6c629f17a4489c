/// <reference lib="dom" />
// The launch bay drawn in SVG: space, door E, the bay's air, each hosted airlock with both doors and buttons, the ship interior.
import type { DoorView, Layout, Snapshot } from '../protocol';
import { buttonMeaning } from '../../terminal/buttons';
import { kPa, onOff, s, setText } from './dom';

const W = 1000, SHIP_KPA = 101.3;
const Y = { hull: 80, bay: 96, wall: 340, chamber: 356, inner: 500, ship: 516, bottom: 620 };
const WALL = 16, AIRLOCK_HALF = 90, SLOT_HALF = 40, DOOR_E_HALF = 150;

/** The x of an airlock's centre: four columns, as the controls below the drawing. */
const airlockX = (i: number, n: number) => (W / n) * (i + 0.5);

// Air is drawn light, vacuum dark: the fill says how much air there is, the text says what state it is in.
function airFill(kpa: number): string {
  const f = Math.max(0, Math.min(1, kpa / SHIP_KPA));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * f);
  return `rgb(${mix(15, 219)},${mix(23, 234)},${mix(42, 254)})`;
}
const inkOn = (kpa: number) => (kpa > SHIP_KPA / 2 ? 'ink-dark' : 'ink-light');

/** A doorway in a wall: a dark slot and a leaf that slides open from `x0` toward `x1` (one leaf) or both ends (two). */
function doorway(parent: SVGElement, x0: number, x1: number, y: number, leaves: 1 | 2) {
  parent.append(s('rect', { class: 'slot', x: x0, y, width: x1 - x0, height: WALL }));
  const parts = Array.from({ length: leaves }, () => s('rect', { class: 'leaf', y: y + 2, height: WALL - 4 }));
  parent.append(...parts);
  const span = (x1 - x0) / leaves;
  return (d: DoorView) => {
    const shut = span * (1 - d.position);
    parts[0].setAttribute('x', String(x0));
    parts[0].setAttribute('width', String(shut));
    if (parts[1]) { parts[1].setAttribute('x', String(x1 - shut)); parts[1].setAttribute('width', String(shut)); }
    for (const p of parts) p.classList.toggle('jammed', d.jammed);
  };
}

const text = (x: number, y: number, cls: string, content = '', anchor = 'middle') =>
  s('text', { x, y, class: cls, 'text-anchor': anchor }, content);

function drawAirlock(svg: SVGSVGElement, letter: string, cx: number, half: number) {
  const g = s('g', { id: `svg-airlock-${letter}` });
  const chamber = s('rect', { x: cx - half, y: Y.chamber, width: 2 * half, height: Y.inner - Y.chamber });
  const outer = doorway(g, cx - SLOT_HALF, cx + SLOT_HALF, Y.wall, 1);
  const inner = doorway(g, cx - SLOT_HALF, cx + SLOT_HALF, Y.inner, 1);
  const lines = [text(cx, 380, 'title', `AIRLOCK ${letter}`), text(cx, 404, 'state'), text(cx, 426, 'small'), text(cx, 448, 'small'), text(cx, 470, 'alarm')];
  const outerLabel = text(cx, 332, 'small'), innerLabel = text(cx, 536, 'small ink-dark');
  // Buttons where a person finds them: 1 in the bay, 2 and 3 inside the chamber, 4 in the ship.
  const spots: [number, number][] = [[cx - 78, 322], [cx + 70, 374], [cx + 70, 486], [cx - 78, 532]];
  const buttons = spots.map(([x, y], i) => {
    const b = s('g', { class: 'button-glyph' }, s('title', {}, `Airlock ${letter} button ${i + 1}: ${buttonMeaning(i + 1)}`),
      s('circle', { cx: x, cy: y, r: 9 }), text(x, y + 4, 'button-number', String(i + 1)));
    return b;
  });
  g.prepend(chamber);
  g.append(...lines, ...buttons);
  // The outer door's label stands in the bay, so it is inked for the bay's air, not the chamber's; the inner
  // door's stands in the ship interior (always light), so it is always inked dark.
  const bayside = s('g', {}, outerLabel);
  svg.append(g, bayside, s('g', { class: 'ink-dark' }, innerLabel));
  return (snap: Snapshot) => {
    const a = snap.airlocks[letter], m = snap.machines[`airlock ${letter}`];
    chamber.setAttribute('fill', airFill(a.chamberKpa));
    g.setAttribute('class', inkOn(a.chamberKpa));
    bayside.setAttribute('class', inkOn(snap.bay.kPa));
    outer(a.outer); inner(a.inner);
    setText(lines[1], m?.state ?? 'unknown');
    setText(lines[2], kPa(a.chamberKpa));
    setText(lines[3], `pump ${onOff(a.pumpOn)} · vent ${onOff(a.ventOn)}`);
    setText(lines[4], [a.recalled && 'RECALLED', a.heldBack && 'HELD BACK', a.pumpDead && 'PUMP DEAD'].filter(Boolean).join(' · '));
    setText(outerLabel, `outer: ${a.outer.label}`);
    setText(innerLabel, `inner: ${a.inner.label}`);
    buttons.forEach((b, i) => b.classList.toggle('lit', a.buttons[i]));
  };
}

function drawBay(svg: SVGSVGElement) {
  const fill = s('rect', { x: 0, y: Y.bay, width: W, height: Y.wall - Y.bay });
  const g = s('g', {});
  const lines = {
    env: text(24, 168, 'big', '', 'start'), air: text(24, 200, 'medium', '', 'start'), kit: text(24, 226, 'small', '', 'start'),
    alarm: text(24, 252, 'alarm', '', 'start'), deck: text(W - 24, 128, 'medium', '', 'end'), goal: text(W - 24, 152, 'small', '', 'end'),
    lights: text(W - 48, 236, 'small', '', 'end'), klaxon: text(W - 48, 266, 'small', '', 'end'),
  };
  // Beacons on the bay's wall: the warning lights and the klaxon, lit and said.
  const beacons = [s('circle', { class: 'beacon', cx: W - 32, cy: 231, r: 9 }), s('circle', { class: 'beacon', cx: W - 32, cy: 261, r: 9 })];
  lines.env.id = 'svg-bay-state';
  g.append(text(24, 128, 'title', 'LAUNCH BAY', 'start'), ...Object.values(lines), ...beacons);
  svg.append(fill, g);
  return (snap: Snapshot) => {
    const b = snap.bay;
    fill.setAttribute('fill', airFill(b.kPa));
    g.setAttribute('class', inkOn(b.kPa));
    setText(lines.env, snap.machines['bay environment']?.state ?? 'unknown');
    setText(lines.air, `${kPa(b.kPa)} · ${b.tempC.toFixed(1)} °C`);
    setText(lines.kit, `pump ${onOff(b.pumpOn)} · vent ${onOff(b.ventOn)} · heater ${onOff(b.heaterOn)}`);
    setText(lines.alarm, [b.leakKpaPerS > 0 && `LEAK ${b.leakKpaPerS} kPa/s`, b.pumpDead && 'PUMP DEAD'].filter(Boolean).join(' · '));
    setText(lines.deck, snap.deck ? `battle deck: ${snap.deck.state ?? 'unknown'}` : '');
    setText(lines.goal, snap.deck?.goal ? `goal ${snap.deck.goal}` : '');
    setText(lines.lights, `warning lights ${onOff(snap.outputs.warningLights)}`);
    setText(lines.klaxon, `klaxon ${onOff(snap.outputs.klaxon)}`);
    beacons[0].classList.toggle('on', snap.outputs.warningLights);
    beacons[1].classList.toggle('on', snap.outputs.klaxon);
  };
}

/** Draws the bay into `root`; returns the function that moves it to a snapshot. */
export function createSchematic(root: HTMLElement, layout: Layout): (snap: Snapshot) => void {
  const svg = s('svg', { viewBox: `0 0 ${W} ${Y.bottom}`, role: 'img', 'aria-labelledby': 'schematic-title' },
    s('title', { id: 'schematic-title' }, 'Schematic of the launch bay: space, door E, the bay, airlocks A to D, the ship interior'));
  svg.append(s('rect', { class: 'space', x: 0, y: 0, width: W, height: Y.hull }), text(20, 28, 'title ink-light', 'SPACE', 'start'));
  const updateBay = drawBay(svg);
  svg.append(s('rect', { class: 'hull', x: 0, y: Y.hull, width: W, height: WALL }));
  const doorE = doorway(svg, W / 2 - DOOR_E_HALF, W / 2 + DOOR_E_HALF, Y.hull, 2);
  const doorELabel = text(W / 2, 36, 'medium ink-light'), doorEDoor = text(W / 2, 62, 'small ink-light');
  doorELabel.id = 'svg-door-E';
  svg.append(doorELabel, doorEDoor);
  svg.append(s('rect', { class: 'hull', x: 0, y: Y.wall, width: W, height: Y.inner + WALL - Y.wall }));
  const ship = s('rect', { class: 'ship', x: 0, y: Y.ship, width: W, height: Y.bottom - Y.ship });
  svg.append(ship, text(20, Y.bottom - 16, 'title ink-dark', 'SHIP INTERIOR', 'start'));
  // Chambers as wide as four columns allow, narrower when the board hosts more, with a wall between them.
  const n = layout.airlocks.length, half = Math.min(AIRLOCK_HALF, W / Math.max(n, 1) / 2 - 6);
  const airlocks = layout.airlocks.map((l, i) => drawAirlock(svg, l, airlockX(i, n), half));
  root.append(svg);
  return (snap) => {
    updateBay(snap);
    doorE(snap.bayDoor);
    setText(doorELabel, `DOOR E: ${snap.machines['bay door']?.state ?? 'unknown'}`);
    setText(doorEDoor, `door ${snap.bayDoor.label}`);
    for (const update of airlocks) update(snap);
  };
}
