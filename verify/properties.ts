// COORDINATION.md's safety invariants on one abstract state (machine states, commands and physical parts), and
// the goals the liveness check waits for.
import { bayOutputs } from '../firmware/controller/outputs';
import { deckRequirements } from '../firmware/machines';
import type { Model } from './model';
import * as world from './world';

const { CLOSED, EMPTY, FULL, isChanging, LEVEL_NAMES, POSITION_NAMES } = world;

/**
 * `physical`: the parts themselves (doors, pressures) break the invariant, as on the device with its interlock.
 * `logic`: the machines and hooks ask for something that breaks it, and only the interlock (if on) stops it.
 */
export interface Finding { property: string; level: 'logic' | 'physical'; detail: string }

const AIR: { [state: string]: boolean } = { pressurizing: true, heating: true, friendly: true };
const lvl = (x: number) => LEVEL_NAMES[x];
const pos = (x: number) => POSITION_NAMES[x];

const NONE: Finding[] = [];

function add(out: Finding[], n: number | string, level: Finding['level'], detail: string): Finding[] {
  const list = out === NONE ? [] : out;
  list.push({ property: typeof n === 'number' ? `invariant ${n}` : n, level, detail });
  return list;
}

/** Every invariant broken in the state now (empty when all hold). */
export function safetyFindings(model: Model): Finding[] {
  let out = NONE;
  for (let i = 0; i < model.world.airlocks.length; i++) out = airlockFindings(model, i, out);
  out = bayFindings(model, out);
  out = truthFindings(model, out);
  out = freshIntentFindings(model, out);
  if (model.world.booting) out = bootWindowFindings(model, out);
  if (out.length === 0) {
    const refused = model.outputs.refusal();
    if (refused) {
      out = add(out, 'interlock refusal', 'logic', `the machines ask for what the interlock refuses: ${refused}`);
      if (model.options.interlock) out = add(out, 'interlock refusal', 'physical', `a part the machines drive is held still by the interlock: ${refused}`);
    }
  }
  for (const what of model.impossible) out = add(out, 'impossible event', 'logic', what);
  return out;
}

// Invariants 1, 2 and 5 and the recall, for airlock i: its commands (logic) and its doors and chamber (physical).
function airlockFindings(model: Model, i: number, found: Finding[]): Finding[] {
  let out = found;
  const w = model.world, io = model.outputs, env = model.states.environment();
  const a = w.airlocks[i], name = model.slotIds[2 + i], state = model.states.airlock(i);
  const wantOuter = io.wantedOuter(i) === 'open', wantInner = io.wantedInner(i) === 'open';
  if (wantOuter && a.chamber !== w.bay) out = add(out, 1, 'logic', `${name} (${state}) drives its outer door open while the chamber is ${lvl(a.chamber)} and the bay ${lvl(w.bay)}`);
  if (wantInner && a.chamber !== FULL) out = add(out, 1, 'logic', `${name} (${state}) drives its inner door open while the chamber is ${lvl(a.chamber)}`);
  if ((wantOuter && a.inner !== CLOSED) || (wantInner && a.outer !== CLOSED)) out = add(out, 2, 'logic', `${name} (${state}) drives a door open while the other is not closed`);
  if (wantOuter && a.outer === CLOSED && isChanging(env)) out = add(out, 5, 'logic', `${name} (${state}) drives its outer door open while the bay environment is ${env}`);
  if (a.outer !== CLOSED && a.chamber !== w.bay) out = add(out, 1, 'physical', `${name} outer door ${pos(a.outer)} while the chamber is ${lvl(a.chamber)} and the bay ${lvl(w.bay)}`);
  if (a.inner !== CLOSED && a.chamber !== FULL) out = add(out, 1, 'physical', `${name} inner door ${pos(a.inner)} while the chamber is ${lvl(a.chamber)}`);
  if (a.outer !== CLOSED && a.inner !== CLOSED) out = add(out, 2, 'physical', `${name} has both doors open or moving (outer ${pos(a.outer)}, inner ${pos(a.inner)})`);
  if (io.outerMotor(i) === 'open' && a.outer === CLOSED && isChanging(env)) out = add(out, 5, 'physical', `${name} outer door starts opening while the bay environment is ${env}`);
  // Invariant 7, from the parts alone: no door starts opening (driven open at its closed limit) across a difference.
  if (wantOuter && a.outer === CLOSED && a.chamber !== w.bay) out = add(out, 7, 'logic', `${name} (${state}) starts its outer door with the chamber ${lvl(a.chamber)} and the bay ${lvl(w.bay)}`);
  if (wantInner && a.inner === CLOSED && a.chamber !== FULL) out = add(out, 7, 'logic', `${name} (${state}) starts its inner door with the chamber ${lvl(a.chamber)}`);
  if (io.outerMotor(i) === 'open' && a.outer === CLOSED && a.chamber !== w.bay) out = add(out, 7, 'physical', `${name} outer door starts opening with the chamber ${lvl(a.chamber)} and the bay ${lvl(w.bay)}`);
  if (io.innerMotor(i) === 'open' && a.inner === CLOSED && a.chamber !== FULL) out = add(out, 7, 'physical', `${name} inner door starts opening with the chamber ${lvl(a.chamber)}`);
  // The recall (the Alice story): whoever stepped out toward the friendly bay may wear no suit. The bay is losing
  // its air while it is vented, or while it is not full and nothing is filling it (a breach, door E).
  const towardFriendly = state === 'outer open friendly' || (state === 'opening outer' && model.machine(i).goal === 'outer open friendly');
  if (towardFriendly && (env === 'depressurizing' || (w.bay !== FULL && env !== 'pressurizing' && env !== 'heating'))) {
    out = add(out, 'recall', 'logic', `${name} (${state}) is open toward a friendly bay that is losing its air (environment ${env}, bay ${lvl(w.bay)}), and was not recalled`);
  }
  return out;
}

// Invariants 3 and 4: door E against the environment.
function bayFindings(model: Model, found: Finding[]): Finding[] {
  let out = found;
  const w = model.world, env = model.states.environment(), door = model.states.bayDoor(), motor = model.outputs.bayDoorMotor();
  if ((door === 'opening' || door === 'open') && env !== 'hostile') out = add(out, 3, 'logic', `door E is ${door} while the bay environment is ${env}`);
  // Door E jammed (a missed deadline: stopped where it stands) under a faulted environment: no command reaches
  // either until an operator acts, and the closed-door fail-safe was asked for when the environment faulted.
  const stranded = door === 'faulted' && !w.bayDoorSensorFault && env === 'faulted';
  // In the boot window nothing claims a state and nothing is driven (checked below): door E stands where power left it.
  if ((motor === 'open' || (w.bayDoor !== CLOSED && motor !== 'close')) && env !== 'hostile' && !stranded && !w.booting) {
    out = add(out, 3, 'physical', `door E ${pos(w.bayDoor)}${motor === 'open' ? ', driven open,' : ''} while the bay environment is ${env}`);
  }
  if (AIR[env] && w.bayDoor !== CLOSED) out = add(out, 4, 'physical', `bay environment ${env} while door E is ${pos(w.bayDoor)}`);
  if (model.outputs.wantedBayDoor() === 'open' && w.bayDoor === CLOSED && w.bay !== EMPTY) out = add(out, 7, 'logic', `door E is driven open while the bay is ${lvl(w.bay)}`);
  if (motor === 'open' && w.bayDoor === CLOSED && w.bay !== EMPTY) out = add(out, 7, 'physical', `door E starts opening while the bay is ${lvl(w.bay)}`);
  return out;
}

/**
 * States are true: a settled claim matches the world, or the machine is at work to make it so. `friendly` is a
 * full bay; `hostile` an empty one, or one losing its air (vent open, door E open, a breach); `closed
 * pressurized` a full chamber and `closed depressurized` an empty one.
 */
function truthFindings(model: Model, found: Finding[]): Finding[] {
  let out = bayTruth(model, found);
  for (let i = 0; i < model.world.airlocks.length; i++) out = airlockTruth(model, i, out);
  return out;
}

function bayTruth(model: Model, found: Finding[]): Finding[] {
  let out = found;
  const w = model.world, env = model.states.environment();
  if (env === 'friendly' && w.bay !== FULL) out = add(out, 'states are true', 'physical', `the bay environment is friendly while the bay is ${lvl(w.bay)}`);
  if (env === 'hostile' && w.bay !== EMPTY && !(model.outputs.bayVent() || w.bayDoor !== CLOSED || w.breach)) {
    out = add(out, 'states are true', 'physical', `the bay environment is hostile while the bay is ${lvl(w.bay)} and nothing empties it`);
  }
  return out;
}

function airlockTruth(model: Model, i: number, found: Finding[]): Finding[] {
  const s = model.states.airlock(i), c = model.world.airlocks[i].chamber;
  if ((s === 'closed pressurized' && c !== FULL) || (s === 'closed depressurized' && c !== EMPTY)) {
    return add(found, 'states are true', 'physical', `${model.slotIds[2 + i]} is ${s} while its chamber is ${lvl(c)}`);
  }
  return found;
}

const MOVES_BAY_AIR = (env: string) => { const o = bayOutputs(env); return o.pump || o.heater || (o.vent && env !== 'hostile'); };

/**
 * Invariant 9, fresh intent: after an operator reset of a machine, or a reboot, none of its parts starts moving until
 * a new request for it (for door E and the environment a deck request, or the red alert of a detected breach; for an
 * airlock a press of its button), except to come to rest: a door closing, a sealed chamber pumped to ship pressure,
 * a hostile bay's vent holding its vacuum. A recalled airlock goes in on the red alert's word. The deck holds no goal
 * while door E or the environment waits for a request: it invents none.
 */
function freshIntentFindings(model: Model, found: Finding[]): Finding[] {
  let out = bayFreshIntent(model, found);
  for (let i = 0; i < model.world.airlocks.length; i++) out = airlockFreshIntent(model, i, out);
  return out;
}

function bayFreshIntent(model: Model, found: Finding[]): Finding[] {
  let out = found;
  const w = model.world, io = model.outputs;
  if (w.doorAwaitsRequest) {
    if (io.wantedBayDoor() === 'open') out = add(out, 9, 'logic', `door E is driven open (${model.states.bayDoor()}) with no new request since its reset or the reboot`);
    if (io.bayDoorMotor() === 'open') out = add(out, 9, 'physical', 'door E opens with no new request since its reset or the reboot');
  }
  if (w.environmentAwaitsRequest) {
    const env = model.states.environment();
    if (MOVES_BAY_AIR(env)) out = add(out, 9, 'logic', `the bay environment is ${env} with no new request since its reset or the reboot`);
    if (io.bayPump() || io.bayHeater() || (io.bayVent() && env !== 'hostile')) out = add(out, 9, 'physical', `the bay's pump, vent or heater runs (${env}) with no new request since its reset or the reboot`);
  }
  const goal = model.deckGoal();
  if ((w.doorAwaitsRequest || w.environmentAwaitsRequest) && goal !== undefined) {
    out = add(out, 9, 'logic', `the deck holds the goal ${goal}, though ${w.doorAwaitsRequest ? 'door E' : 'the environment'} has had no new request since its reset or the reboot`);
  }
  return out;
}

function airlockFreshIntent(model: Model, i: number, found: Finding[]): Finding[] {
  let out = found;
  const w = model.world, io = model.outputs, mem = model.system.coordination.memory;
  if (!w.airlocks[i].awaitsRequest || mem.recalled[model.letters[i]]) return out;
  const name = model.slotIds[2 + i], state = model.states.airlock(i);
  if (io.wantedOuter(i) === 'open' || io.wantedInner(i) === 'open' || io.chamberVent(i)) {
    out = add(out, 9, 'logic', `${name} (${state}) moves a door open or vents with no button pressed since its reset or the reboot`);
  }
  if (io.outerMotor(i) === 'open' || io.innerMotor(i) === 'open' || io.chamberVent(i)) {
    out = add(out, 9, 'physical', `${name} opens a door or vents its chamber with no button pressed since its reset or the reboot`);
  }
  return out;
}

/**
 * The boot window: until the controller has read its sensors, no machine claims a state (unknown reads as unknown,
 * never a default) and nothing is driven.
 */
function bootWindowFindings(model: Model, found: Finding[]): Finding[] {
  let out = found;
  const io = model.outputs;
  for (const id of model.ids) {
    const m = model.system.machines[id]!;
    if (m.state !== undefined) out = add(out, 'boot window', 'logic', `${id} claims ${m.state}${m.goal ? ` (goal ${m.goal})` : ''} before the sensors are read`);
  }
  let moving = io.wantedBayDoor() !== 'stop' || io.bayPump() || io.bayVent() || io.bayHeater();
  for (let i = 0; i < model.letters.length; i++) {
    moving ||= io.wantedOuter(i) !== 'stop' || io.wantedInner(i) !== 'stop' || io.chamberPump(i) || io.chamberVent(i);
  }
  if (moving) out = add(out, 'boot window', 'physical', 'a part is driven before the sensors are read');
  return out;
}

// The boot window, part by part: a bay machine (or airlock i) claims a state, or a part of it is driven.
function bayBootClean(model: Model): boolean {
  const io = model.outputs, m = model.system.machines;
  for (let k = 0; k < 3; k++) if (m[model.ids[k]]!.state !== undefined) return false;
  return !(io.wantedBayDoor() !== 'stop' || io.bayPump() || io.bayVent() || io.bayHeater());
}

function airlockBootClean(model: Model, i: number): boolean {
  const io = model.outputs;
  if (model.machine(i).state !== undefined) return false;
  return !(io.wantedOuter(i) !== 'stop' || io.wantedInner(i) !== 'stop' || io.chamberPump(i) || io.chamberVent(i));
}

/**
 * No property is broken by the bay's part of the state now (its invariants, its claims, the fresh intent of door E,
 * the environment and the deck, the boot window's bay machines, the interlock's refusals of door E and the bay's
 * air). A state breaks no property (safetyFindings is empty, an impossible event aside) exactly when its bay part
 * and every airlock's part are clean: each property is judged from the bay alone or from the bay and one airlock.
 */
export function bayPartClean(model: Model): boolean {
  if (bayFindings(model, NONE).length > 0 || bayTruth(model, NONE).length > 0 || bayFreshIntent(model, NONE).length > 0) return false;
  if (model.world.booting && !bayBootClean(model)) return false;
  return model.outputs.bayRefusal() === undefined;
}

/** No property is broken by airlock i's part of the state, with the bay's (see bayPartClean). */
export function airlockPartClean(model: Model, i: number): boolean {
  if (airlockFindings(model, i, NONE).length > 0 || airlockTruth(model, i, NONE).length > 0 || airlockFreshIntent(model, i, NONE).length > 0) return false;
  if (model.world.booting && !airlockBootClean(model, i)) return false;
  return model.outputs.airlockRefusal(i) === undefined;
}

/**
 * The deck has met its goal and the subsystems really are as it requires, or it cannot without an operator (door E
 * or the environment is faulted, or the hull is breached), or it has no goal (it waits for the bridge).
 */
export function deckSettled(model: Model): boolean {
  const deck = model.states.deck();
  if (model.world.breach || model.deckGoal() === undefined) return true;
  if (model.states.bayDoor() === 'faulted' || model.states.environment() === 'faulted') return true;
  const req = deckRequirements[deck as keyof typeof deckRequirements];
  return deck === model.deckGoal() && req.bayDoor === model.states.bayDoor() && req.bayEnvironment === model.states.environment();
}

const RESTING: { [state: string]: boolean } = {
  'closed pressurized': true, 'closed depressurized': true, 'inner open': true, 'outer open friendly': true, 'outer open hostile': true,
};
const OUTER_OPEN: { [state: string]: boolean } = { 'outer open friendly': true, 'outer open hostile': true };

/**
 * Every airlock has reached its goal (any open outer door meets an outer goal), or rests with no goal, or is
 * faulted and waits for its operator; vacuous while the environment itself is faulted or the hull is breached. An
 * outer goal toward a bay `holding` waits for the bridge: only a new deck request moves that bay (rule 3).
 */
export function airlocksSettled(model: Model): boolean {
  if (airlocksVacuous(model)) return true;
  for (let i = 0; i < model.letters.length; i++) if (!airlockSettled(model, i)) return false;
  return true;
}

/** Airlock liveness is vacuous: the environment is faulted or the hull breached (the bay's part alone). */
export function airlocksVacuous(model: Model): boolean {
  return model.states.environment() === 'faulted' || model.world.breach;
}

/** Airlock i has met its goal, or rests, or waits for an operator or the bridge (the bay's part and airlock i's). */
export function airlockSettled(model: Model, i: number): boolean {
  const env = model.states.environment(), m = model.machine(i), s = model.states.airlock(i), g = m.goal;
  if (s === 'faulted' || (env === 'holding' && OUTER_OPEN[g ?? ''])) return true;
  return !(g === undefined ? !RESTING[s] : g === 'inner open' ? s !== 'inner open' : !OUTER_OPEN[s]);
}
