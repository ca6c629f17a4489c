// COORDINATION.md's safety invariants, checked against the physics (doors, pressures) and the machines' states.
// Invariants 7–9 are judged from the hardware alone (door motors and positions, pumps, vents, heater, pressures)
// and the operator's inputs (resets, requests, buttons, power), never from machine states.
import { knownSignals, type AirlockLetter } from '../firmware/board/signals';
import type { Controller, ControllerReport } from '../firmware/controller';
import { atClosedLimit, type Airlock, type Door, type LaunchBayModel } from './physics';

export interface Violation { t: number; invariant: number; detail: string }

// Pressures are "the same" within this margin: the interlock's 5 kPa plus sensor noise.
const SAME_KPA = 6;
// Invariant 7, as COORDINATION.md states it: door E never starts opening above 1 kPa in the bay; no airlock door
// starts opening across more than 5 kPa.
const BAY_DOOR_START_KPA = 1, DOOR_START_KPA = 5;
const CHANGING: { [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };
const AIR: { [state: string]: boolean } = { pressurizing: true, heating: true, friendly: true };
const SENSORS: { [name: string]: boolean } = {};
// Invariant 9's physical "at rest": the bay counts as empty at 2 kPa, as full at 98 kPa, and a friendly bay's
// thermostat keeps it from 18 °C (holdsWarmC) up; half a degree of margin for the temperature sensor's noise.
const EMPTY_KPA = 2, FULL_KPA = 98, WARM_C = 17.5;
for (const [name, spec] of knownSignals()) if (spec.kind === 'sensor') SENSORS[name] = true;

const notClosed = (d: Door) => !atClosedLimit(d);
const movingOpen = (d: Door) => d.motor === 1 && !d.jammed;

// What each door did at the last step, kept on a record of its own so the check, every 50 ms, looks nothing up.
interface DoorWas {
  readonly door: Door;
  /** At its closed limit: a start is leaving it. */
  closed: boolean;
  /** Driven open: a start is a switch from stopped or closing to opening. */
  drivenOpen: boolean;
}

// One hosted airlock as the check sees it: its parts, its keys, and what it did at the last step.
interface AirlockWas {
  readonly letter: AirlockLetter;
  readonly airlock: Airlock;
  readonly keys: Keys;
  readonly outer: DoorWas;
  readonly inner: DoorWas;
  outerOpening: boolean;
  /** The chamber's pressure at the last check: where it stood before the step in which a door may have started. */
  chamberWas: number;
  pump: boolean;
  vent: boolean;
  /** Invariant 9: reset or without power, and no press of its buttons since. */
  still: boolean;
}

const doorWas = (door: Door): DoorWas => ({ door, closed: atClosedLimit(door), drivenOpen: door.motor === 1 });

// One key per place an invariant is checked, made once: the check itself builds no string unless it fails.
const keysOf = (l: AirlockLetter) => ({
  outer: `1:${l}:outer`, inner: `1:${l}:inner`, both: `2:${l}`, start: `5:${l}`, outer7: `7:${l}:outer`, inner7: `7:${l}:inner`, outer9: `9:${l}:outer`, inner9: `9:${l}:inner`, chamber9: `9:${l}:chamber`,
});
type Keys = ReturnType<typeof keysOf>;

/** Watches every step; records each violation once per episode (until it clears). */
export class InvariantMonitor {
  readonly violations: Violation[] = [];
  private readonly active = new Set<string>();
  // Invariant 9: what was reset or lost its power, and has not been asked for anything since. Door E and the bay's
  // air rest together (the deck lets its goal go when either is reset); each airlock on its own.
  private doorStill = false;
  private bayStill = false;
  // The bay's pump, vent or heater ran when the rest began (a node that kept its power): the run it was on may
  // go on (pressurizing hands over to heating) until all of them are off once.
  private bayCarries = false;
  // What each part did at the last step: a start is a switch from off (or closing) to on (or opening).
  private readonly bayWas = { pump: false, vent: false, heater: false };
  // Invariant 7 judges a start by the pressures before the step in which the door left its closed limit: by the end
  // of that step the open door has already evened them out (an inner door's air follows in 50 ms).
  private bayKpaWas: number;
  // Sensors a fault was ever injected into: what they do after it is cleared is that fault's aftermath, not noise.
  private readonly broken: { [sensor: string]: boolean } = {};

  // The hosted airlocks in the model's order, each by its letter too, and every door (door E first).
  private readonly locks: AirlockWas[] = [];
  private readonly lockOf: { [letter: string]: AirlockWas | undefined } = Object.create(null);
  private readonly bayDoor: DoorWas;
  private readonly doors: DoorWas[];

  constructor(private readonly model: LaunchBayModel, private readonly controller: () => Controller | undefined, private readonly now: () => number) {
    this.bayDoor = doorWas(model.bayDoor);
    this.bayKpaWas = model.bay.kPa;
    this.doors = [this.bayDoor];
    for (const l of model.letters) {
      const a = model.airlocks[l];
      const w: AirlockWas = { letter: l, airlock: a, keys: keysOf(l), outer: doorWas(a.outer), inner: doorWas(a.inner), outerOpening: false, chamberWas: a.chamberKpa, pump: a.pumpOn, vent: a.ventOn, still: false };
      this.locks.push(w);
      this.lockOf[l] = w;
      this.doors.push(w.outer, w.inner);
    }
  }

  /** An operator's reset took a machine out of `faulted`: it must now rest until a person asks again (invariant 9). */
  reset(machine: string): void { this.rest([machine]); }

  /** The power of the board (or node) hosting these machines was lost: a reboot resumes nothing (invariant 9). */
  powerLost(machines: readonly string[]): void { this.rest(machines); }

  /** A person pressed a button: an airlock's buttons end its rest; the deck's request buttons are a deck request. */
  pressed(button: string): void {
    const m = /^airlock (\w+) button/.exec(button);
    if (m) { const w = this.lockOf[m[1]]; if (w) w.still = false; }
    else if (/^deck \w+ request$/.test(button)) this.requested();
  }

  /**
   * A new deck request (the bridge, or a deck button): door E and the bay's air may move again, and an airlock
   * whose outer door stands open to the bay may be recalled (red alert).
   */
  requested(): void {
    this.doorStill = this.bayStill = false;
    this.recallable();
  }

  private rest(machines: readonly string[]): void {
    for (const id of machines) {
      if (id.startsWith('airlock ')) { const w = this.lockOf[id.slice('airlock '.length)]; if (w) w.still = true; }
      else if (id === 'bay door' || id === 'bay environment' || id === 'battle deck') {
        const bay = this.model.bay;
        // The deck's goal went with it (stood by, or lost with the bridge's power): door E and the air rest.
        this.doorStill = this.bayStill = true;
        this.bayCarries = bay.pumpOn || bay.ventOn || bay.heaterOn;
      }
    }
  }

  // Fresh evidence or a fresh request ends the rest of an airlock whose outer door stands open (not being closed):
  // a recall brings its user in.
  private recallable(): void {
    for (let i = 0; i < this.locks.length; i++) {
      const outer = this.locks[i].airlock.outer;
      if (!atClosedLimit(outer) && outer.motor !== -1) this.locks[i].still = false;
    }
  }

  /**
   * A controller report. A sensor judged faulty while nothing broke it is sensor noise changing a decision
   * (invariant 8): the same run with another noise seed would decide otherwise.
   */
  report(r: ControllerReport): void {
    if (r.kind !== 'fault' || !r.detail || !r.detail.startsWith('sensor fault: ')) return;
    const sensor = r.detail.slice('sensor fault: '.length).split(':')[0];
    if (!SENSORS[sensor] || this.model.sensorFaults[sensor] !== undefined || this.broken[sensor]) return;
    this.violations.push({ t: this.now(), invariant: 8, detail: `a healthy ${sensor} sensor was judged faulty (${r.detail}): noise changed a decision` });
  }

  /** Checks every invariant now. */
  check(): void {
    // While the power is off, or the controller has not yet rebuilt its states, the environment's state is
    // unknown: only the physical invariants are checked.
    const controller = this.controller(), { model, locks } = this;
    const env = controller?.started ? controller.machines['bay environment']?.state : undefined;
    const bay = model.bay.kPa, ship = model.constants.shipKpa;
    for (const sensor in model.sensorFaults) if (model.sensorFaults[sensor] !== undefined) this.broken[sensor] = true;
    for (let i = 0; i < locks.length; i++) {
      const w = locks[i], l = w.letter, a = w.airlock, k = w.keys;
      if (!notClosed(a.outer) || Math.abs(a.chamberKpa - bay) <= SAME_KPA) this.clear(k.outer);
      else this.fail(k.outer, 1, `airlock ${l} outer door open or moving while chamber ${a.chamberKpa.toFixed(1)} kPa and bay ${bay.toFixed(1)} kPa differ`);
      if (!notClosed(a.inner) || a.chamberKpa >= ship - SAME_KPA) this.clear(k.inner);
      else this.fail(k.inner, 1, `airlock ${l} inner door open or moving while the chamber is at ${a.chamberKpa.toFixed(1)} kPa`);
      if (!(notClosed(a.outer) && notClosed(a.inner))) this.clear(k.both);
      else this.fail(k.both, 2, `airlock ${l} has both doors open or moving`);
      const opening = movingOpen(a.outer);
      if (opening && !w.outerOpening) {
        if (!(env && CHANGING[env])) this.clear(k.start);
        else this.fail(k.start, 5, `airlock ${l} outer door started opening while the bay environment is ${env}`);
      }
      w.outerOpening = opening;
      const chamberWas = w.chamberWas, bayWas = this.bayKpaWas;
      if (this.starts(w.outer)) {
        if (Math.abs(chamberWas - bayWas) > DOOR_START_KPA) this.fail(k.outer7, 7, `airlock ${l} outer door started opening with chamber ${chamberWas.toFixed(1)} kPa and bay ${bayWas.toFixed(1)} kPa`);
        else this.clear(k.outer7);
      }
      if (this.starts(w.inner)) {
        if (Math.abs(chamberWas - ship) > DOOR_START_KPA) this.fail(k.inner7, 7, `airlock ${l} inner door started opening with chamber ${chamberWas.toFixed(1)} kPa and ship ${ship} kPa`);
        else this.clear(k.inner7);
      }
      w.chamberWas = a.chamberKpa;
    }
    const door = model.bayDoor;
    if (this.starts(this.bayDoor)) {
      if (this.bayKpaWas > BAY_DOOR_START_KPA) this.fail('7:E', 7, `door E started opening while the bay holds ${this.bayKpaWas.toFixed(1)} kPa`);
      else this.clear('7:E');
    }
    this.bayKpaWas = bay;
    this.checkRest();
    for (let i = 0; i < this.doors.length; i++) this.doors[i].closed = atClosedLimit(this.doors[i].door);
    if (env !== undefined) {
      // Door E jammed (stopped where it stands) under a faulted environment: no command can reach either until
      // an operator acts; physically the open door vents the bay, and invariant 7 has judged its start.
      const stranded = door.jammed && env === 'faulted';
      if (!(movingOpen(door) || (notClosed(door) && door.motor !== -1)) || env === 'hostile' || stranded) this.clear('3');
      else this.fail('3', 3, `bay door open or opening while the bay environment is ${env}`);
      if (!(AIR[env] && notClosed(door))) this.clear('4');
      else this.fail('4', 4, `bay environment ${env} while the bay door is not closed`);
    }
  }

  /**
   * Invariant 9: after a reset or a power loss nothing starts moving until a fresh request; coming to rest is
   * allowed (a door closing, a chamber pumped to ship pressure behind its closed outer door, the bay's vent while
   * door E is open or the bay empty, a friendly bay's thermostat). A breach is fresh evidence: the bay may vent.
   */
  private checkRest(): void {
    const { model } = this, bay = model.bay, door = model.bayDoor;
    if (bay.leakKpaPerS > 0) { this.bayStill = false; this.recallable(); }
    if (this.startsOpening(this.bayDoor) && this.doorStill) this.fail('9:E', 9, 'door E was driven open after a reset or a power loss, before any new deck request');
    else this.clear('9:E');
    const on = bay.pumpOn || bay.ventOn || bay.heaterOn;
    if (!on) this.bayCarries = false;
    let started: string | undefined;
    if (this.bayStill && !this.bayCarries) {
      if (bay.pumpOn && !this.bayWas.pump) started = 'bay pump';
      else if (bay.ventOn && !this.bayWas.vent && atClosedLimit(door) && bay.kPa > EMPTY_KPA) started = 'bay vent';
      else if (bay.heaterOn && !this.bayWas.heater && !(bay.kPa >= FULL_KPA && bay.tempC >= WARM_C)) started = 'bay heater';
    }
    if (started) this.fail('9:bay', 9, `the ${started} was switched on after a reset or a power loss, before any new deck request or a breach`);
    else this.clear('9:bay');
    this.bayWas.pump = bay.pumpOn; this.bayWas.vent = bay.ventOn; this.bayWas.heater = bay.heaterOn;
    for (let i = 0; i < this.locks.length; i++) this.checkAirlockRest(this.locks[i]);
  }

  private checkAirlockRest(w: AirlockWas): void {
    const l = w.letter, a = w.airlock, k = w.keys, was = w, still = w.still;
    const after = `after a reset or a power loss, before any press of its buttons`;
    if (this.startsOpening(w.outer) && still) this.fail(k.outer9, 9, `airlock ${l} outer door was driven open ${after}`);
    else this.clear(k.outer9);
    if (this.startsOpening(w.inner) && still) this.fail(k.inner9, 9, `airlock ${l} inner door was driven open ${after}`);
    else this.clear(k.inner9);
    // Pumping to ship pressure once the outer door is closed brings the chamber to rest; venting never does.
    const pump = a.pumpOn && !was.pump && !atClosedLimit(a.outer), vent = a.ventOn && !was.vent;
    if (still && (pump || vent)) this.fail(k.chamber9, 9, `airlock ${l} chamber ${pump ? 'pump' : 'vent'} was switched on ${after}`);
    else this.clear(k.chamber9);
    was.pump = a.pumpOn; was.vent = a.ventOn;
  }

  /** The door's motor has just been switched to opening (from stopped or closing). */
  private startsOpening(d: DoorWas): boolean {
    const driven = d.door.motor === 1, was = d.drivenOpen;
    d.drivenOpen = driven;
    return driven && !was;
  }

  /** The door has just left its closed limit, driven open. */
  private starts(d: DoorWas): boolean { return d.closed && !atClosedLimit(d.door) && d.door.motor === 1; }

  private clear(key: string): void {
    if (this.active.size > 0) this.active.delete(key);
  }

  private fail(key: string, invariant: number, detail: string): void {
    if (this.active.has(key)) return;
    this.active.add(key);
    this.violations.push({ t: this.now(), invariant, detail });
  }
}
