// Which events the world may send in the state now, and what each one does to the machines and the world.
import type { MachineId } from '../firmware/board/signals';
import * as deadlines from '../firmware/controller/deadlines';
import { airlockAfterBoot, bayDoorAfterBoot, deckAfterBoot, environmentAfterBoot } from '../firmware/controller/reconstruct';
import { defaultThresholds } from '../firmware/thresholds';
import { bayHostileIn, createMemory } from '../firmware/coordination';
import { airlock } from '../firmware/machines';
import * as events from './events';
import type { EventList } from './events';
import type { Model } from './model';
import * as world from './world';
import type { World } from './world';

// The hot path reads module-level copies: under the tsx loader every use of an imported binding is a call.
const { AIR, argOf, ASK, BAY_DOOR, BOOTED, DEADLINE, DECK_REQUESTS, DOOR, ENVIRONMENT, event, FINISH, FIRST_AIRLOCK, kindOf, LEAK } = events;
const { REBOOT, REQUEST, RESET, SEAL, SENSOR, slotOf } = events;
const { CLOSED, EMPTY, FULL, KPA, OPEN, toward } = world;
const { movingPartOf } = deadlines;

// Buttons that only beep in a state are left out: they change nothing.
const beeps = (ask: 'ask open outer' | 'ask open inner') =>
  Object.fromEntries(airlock.states.map((s) => [s, airlock.cell(s, ask).kind === 'beep'])) as { [state: string]: boolean };
const OUTER_BEEPS = beeps('ask open outer'), INNER_BEEPS = beeps('ask open inner');

/** The machine a slot names. */
export const slotMachine = (model: Model, slot: number): MachineId => model.slotIds[slot];

const stateOf = (model: Model, slot: number) => model.system.machines[model.slotIds[slot]]!.state ?? 'unknown';
const FINISHED: { [state: string]: string } = {};
for (const s of ['opening', 'closing', 'pressurizing', 'heating', 'depressurizing', 'opening outer', 'closing outer', 'opening inner', 'closing inner']) FINISHED[s] = `finished ${s}`;
const REQUESTED = DECK_REQUESTS.map((r) => `${r} requested`);

/** Air moves one notch toward each place it is pulled to (pumps, vents, open doors; -1 for none); up is arg 0, down arg 1. */
function pushAir(out: EventList, slot: number, level: number, a: number, b: number, c: number, d: number): void {
  if ((a >= 0 && a < level) || (b >= 0 && b < level) || (c >= 0 && c < level) || (d >= 0 && d < level)) out.push(event(AIR, slot, 0));
  if (a > level || b > level || c > level || d > level) out.push(event(AIR, slot, 1));
}

function pushFaults(model: Model, out: EventList, slot: number): void {
  const state = stateOf(model, slot);
  if (state === 'faulted') { out.push(event(RESET, slot)); return; }
  if (model.world.faults >= model.options.faults) return;
  out.push(event(SENSOR, slot));
  if (movingPartOf(slotMachine(model, slot), state) !== undefined) out.push(event(DEADLINE, slot));
}

/** Every event the world may send now. `twin(i)`: airlock i is interchangeable with i − 1, so its events are left out. */
export function enabledEvents(model: Model, out: EventList, twin?: (i: number) => boolean): void {
  out.clear();
  bayEvents(model, out);
  for (let i = 0; i < model.world.airlocks.length; i++) if (!twin?.(i)) airlockEvents(model, out, i);
  if (model.options.promptScan) keepOnlyFinished(out);
}

/**
 * The bay's events (deck requests, breaches, door E, the environment, reboots): which are enabled depends on the bay's
 * part of the state alone (verify/parts.ts relies on it).
 */
export function bayEvents(model: Model, out: EventList): void {
  const o = model.options, w = model.world, io = model.outputs, env = model.states.environment(), door = model.states.bayDoor();
  const goal = model.deckGoal();
  for (let r = 0; r < DECK_REQUESTS.length; r++) if (DECK_REQUESTS[r] !== goal) out.push(event(REQUEST, 0, r));
  // A hull breach opens (a bay in vacuum has nothing to lose), and stays open until it is sealed.
  if (o.leaks && !w.breach && w.bay !== EMPTY) out.push(event(LEAK));
  if (w.breach) out.push(event(SEAL));
  // The boot window: the controller reads its sensors (a full, closed bay may be warm or cold), and nothing else is
  // sent to the machines; what the world does meanwhile (presses, requests, a breach) still happens.
  if (w.booting) {
    out.push(event(BOOTED, 0, 0));
    if (w.bay === FULL && w.bayDoor === CLOSED) out.push(event(BOOTED, 0, 1));
  } else {
    if (w.faults < o.faults && o.reboot) out.push(event(REBOOT));
    pushFaults(model, out, BAY_DOOR);
    pushFaults(model, out, ENVIRONMENT);
  }
  if ((door === 'opening' && w.bayDoor === OPEN) || (door === 'closing' && w.bayDoor === CLOSED)) out.push(event(FINISH, BAY_DOOR));
  const dm = io.bayDoorMotor();
  if ((dm === 'open' && w.bayDoor !== OPEN) || (dm === 'close' && w.bayDoor !== CLOSED)) out.push(event(DOOR, BAY_DOOR));
  if ((env === 'pressurizing' && w.bay === FULL) || (env === 'heating' && w.bay === FULL && io.bayHeater())
    || (env === 'depressurizing' && w.bay === EMPTY)) out.push(event(FINISH, ENVIRONMENT));
  pushAir(out, ENVIRONMENT, w.bay, io.bayPump() ? FULL : -1, io.bayVent() || w.breach ? EMPTY : -1, w.bayDoor !== CLOSED ? EMPTY : -1, -1);
}

// A prompt scan: when a `finished …` can be sent (or the sensors read after a boot), nothing else happens first.
function keepOnlyFinished(out: EventList): void {
  let n = 0;
  for (let k = 0; k < out.length; k++) if (kindOf(out.codes[k]) === FINISH || kindOf(out.codes[k]) === BOOTED) out.codes[n++] = out.codes[k];
  if (n > 0) out.length = n;
}

/** Airlock i's events: which are enabled depends on the bay's part of the state and airlock i's alone. */
export function airlockEvents(model: Model, out: EventList, i: number): void {
  const slot = FIRST_AIRLOCK + i, s = model.states.airlock(i), a = model.world.airlocks[i], io = model.outputs;
  if (!OUTER_BEEPS[s]) out.push(event(ASK, slot, 0));
  if (!INNER_BEEPS[s]) out.push(event(ASK, slot, 1));
  if (!model.world.booting) pushFaults(model, out, slot);
  if ((s === 'opening outer' && a.outer === OPEN) || (s === 'closing outer' && a.outer === CLOSED)
    || (s === 'opening inner' && a.inner === OPEN) || (s === 'closing inner' && a.inner === CLOSED)
    || (s === 'pressurizing' && a.chamber === FULL) || (s === 'depressurizing' && a.chamber === EMPTY)) out.push(event(FINISH, slot));
  const om = io.outerMotor(i), im = io.innerMotor(i);
  if ((om === 'open' && a.outer !== OPEN) || (om === 'close' && a.outer !== CLOSED)) out.push(event(DOOR, slot, 0));
  if ((im === 'open' && a.inner !== OPEN) || (im === 'close' && a.inner !== CLOSED)) out.push(event(DOOR, slot, 1));
  // The ship behind the inner door is always full; through the outer door the chamber joins the bay.
  pushAir(out, slot, a.chamber, io.chamberPump(i) ? FULL : -1, io.chamberVent(i) ? EMPTY : -1,
    a.inner !== CLOSED ? FULL : -1, a.outer !== CLOSED ? model.world.bay : -1);
}

/**
 * Sends event `e`: the machines run their hooks to completion, and the world moves. Then the controller's scan
 * runs the coordination's watch (rules waiting on pressures, the settled deck's watch): the scan is every 50 ms,
 * so it is taken to come before the world's next event.
 */
export function apply(model: Model, e: number): void {
  applyEvent(model, e);
  // The controller scans nothing but its sensors until it has read them all.
  if (!model.world.booting) model.system.coordination.watch();
}

function applyEvent(model: Model, e: number): void {
  const w = model.world, slot = slotOf(e), sys = model.system, id = model.slotIds[slot];
  switch (kindOf(e)) {
    // A request or a press in the boot window is refused (every state is unknown): the person must ask again.
    case REQUEST:
      if (!w.booting) w.doorAwaitsRequest = w.environmentAwaitsRequest = false;
      sys.send('battle deck', REQUESTED[argOf(e)]); return;
    case ASK:
      if (!w.booting) w.airlocks[slot - FIRST_AIRLOCK].awaitsRequest = false;
      sys.send(id, argOf(e) === 0 ? 'ask open outer' : 'ask open inner'); return;
    case LEAK: w.breach = true; loseAir(model); return;
    case SEAL: w.breach = false; return;
    case DEADLINE: w.faults++; markSensorFault(w, slot, false); sys.send(id, 'deadline missed'); return;
    case SENSOR: w.faults++; markSensorFault(w, slot, true); sys.send(id, 'sensor fault'); return;
    case RESET: awaitRequest(w, slot); sys.send(id, 'reset'); return;
    case REBOOT: w.faults++; powerLost(model); return;
    case BOOTED: booted(model, argOf(e) === 0); return;
    case FINISH: sys.send(id, FINISHED[stateOf(model, slot)]); return;
    case DOOR: moveDoor(model, slot, argOf(e)); return;
    case AIR: {
      const to = argOf(e) === 0 ? -1 : 1;
      if (slot !== ENVIRONMENT) w.airlocks[slot - FIRST_AIRLOCK].chamber += to;
      else if (to > 0 && w.breach) loseAir(model);
      else moveBay(w, w.bay + to);
    }
  }
}

// After an operator reset, nothing moves the machine's parts until a new request (invariant 9).
function awaitRequest(w: World, slot: number): void {
  if (slot === BAY_DOOR) w.doorAwaitsRequest = true;
  else if (slot === ENVIRONMENT) w.environmentAwaitsRequest = true;
  else w.airlocks[slot - FIRST_AIRLOCK].awaitsRequest = true;
}

function markSensorFault(w: World, slot: number, sensor: boolean): void {
  if (slot === BAY_DOOR) w.bayDoorSensorFault = sensor;
  else if (slot >= FIRST_AIRLOCK) w.airlocks[slot - FIRST_AIRLOCK].sensorFault = sensor;
}

function moveDoor(model: Model, slot: number, which: number): void {
  const w = model.world, io = model.outputs;
  if (slot === BAY_DOOR) { w.bayDoor = toward(w.bayDoor, io.bayDoorMotor() === 'open' ? OPEN : CLOSED); return; }
  const i = slot - FIRST_AIRLOCK, a = w.airlocks[i];
  if (which === 0) a.outer = toward(a.outer, io.outerMotor(i) === 'open' ? OPEN : CLOSED);
  else a.inner = toward(a.inner, io.innerMotor(i) === 'open' ? OPEN : CLOSED);
}

/**
 * The bay loses air through a breach. The leak detector reports the fall, unless the bay is being vented
 * (depressurizing, or hostile with its vent open) or door E is open (a planned fall); it is assumed to notice every
 * breach (one slower than its threshold is found once a friendly bay no longer counts as full). It does not scan in
 * the boot window. A detected breach is fresh evidence: the red alert it raises may move door E and the bay.
 */
function loseAir(model: Model): void {
  const w = model.world, env = model.states.environment();
  moveBay(w, w.bay + 1);
  if (w.bayDoor === CLOSED && env !== 'depressurizing' && env !== 'hostile' && !w.booting) {
    w.doorAwaitsRequest = w.environmentAwaitsRequest = false;
    model.system.coordination.leak();
  }
}

/** The bay's pressure changes; a chamber joined to it through an open outer door changes with it (the bay is far larger). */
function moveBay(w: World, to: number): void {
  for (const a of w.airlocks) if (a.outer !== CLOSED && a.chamber === w.bay) a.chamber = to;
  w.bay = to;
}

/**
 * Power lost and back: until the controller has read its sensors every machine is unknown (the boot window), and the
 * coordination's memory is new. Every machine then waits for a fresh request (invariant 9).
 */
function powerLost(model: Model): void {
  const w = model.world, window = model.options.boot?.window ?? unknown;
  for (const id of model.ids) {
    const m = model.system.machines[id]!, s = window(m);
    m.restore(s.state, s.goal);
  }
  const memory = model.system.coordination.memory;
  Object.assign(memory, (model.options.boot?.memory ?? createMemory)(memory));
  w.booting = true; w.doorAwaitsRequest = w.environmentAwaitsRequest = true; w.bayDoorSensorFault = false;
  for (const a of w.airlocks) { a.awaitsRequest = true; a.sensorFault = false; }
}

const unknown = () => ({ state: undefined, goal: undefined });

/** The sensors read: every machine rebuilt from them as the controller does (door E and the environment first). */
function booted(model: Model, warm: boolean): void {
  const w = model.world, limits = defaultThresholds, reading = (p: number) => ({ open: p === OPEN, closed: p === CLOSED });
  const b = model.options.boot ?? {}, m = model.system.machines;
  const door = (b.bayDoor ?? bayDoorAfterBoot)(reading(w.bayDoor));
  const env = (b.environment ?? environmentAfterBoot)(KPA[w.bay], warm ? 25 : -40, w.bayDoor === CLOSED, limits);
  const deck = (b.deck ?? deckAfterBoot)(env.state, door.state);
  m['battle deck']!.restore(deck.state, deck.goal);
  m['bay door']!.restore(door.state, undefined);
  m['bay environment']!.restore(env.state, undefined);
  model.letters.forEach((l, i) => {
    const a = w.airlocks[i], r = (b.airlock ?? airlockAfterBoot)(reading(a.outer), reading(a.inner), KPA[a.chamber], bayHostileIn(env.state), limits);
    m[`airlock ${l}`]!.restore(r.state, r.goal);
  });
  w.booting = false;
  model.system.reobserve();
}
