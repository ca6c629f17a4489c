// COORDINATION.md's safety invariants, checked against the physics (doors, pressures) and the machines' states.
// Invariants 7–9 are judged from the hardware alone: door positions and pressures, never from machine states.
import { airlockLetters, knownSignals } from '../firmware/board/signals';
import type { Controller, ControllerReport } from '../firmware/controller';
import { atClosedLimit, type Door, type LaunchBayModel } from './physics';

export interface Violation { t: number; invariant: number; detail: string }

// Pressures are "the same" within this margin: the interlock's 5 kPa plus sensor noise.
const SAME_KPA = 6;
// Invariant 7, as COORDINATION.md states it: door E never starts opening above 1 kPa in the bay; no airlock door
// starts opening across more than 5 kPa.
const BAY_DOOR_START_KPA = 1, DOOR_START_KPA = 5;
const CHANGING: { [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };
const AIR: { [state: string]: boolean } = { pressurizing: true, heating: true, friendly: true };
const SENSORS: { [name: string]: boolean } = {};
for (const [name, spec] of knownSignals()) if (spec.kind === 'sensor') SENSORS[name] = true;

const notClosed = (d: Door) => !atClosedLimit(d);
const movingOpen = (d: Door) => d.motor === 1 && !d.jammed;

/** Watches every step; records each violation once per episode (until it clears). */
export class InvariantMonitor {
  readonly violations: Violation[] = [];
  private readonly active = new Set<string>();
  private readonly outerWasOpening: { [letter: string]: boolean } = {};
  // Where each door was at the last step: a start is leaving the closed limit.
  private readonly wasClosed = new Map<Door, boolean>();
  // Airlocks reset by an operator and not asked for anything since (invariant 9).
  private readonly resting: { [letter: string]: boolean } = {};
  // Sensors a fault was ever injected into: what they do after it is cleared is that fault's aftermath, not noise.
  private readonly broken: { [sensor: string]: boolean } = {};

  private readonly doors: Door[];

  constructor(private readonly model: LaunchBayModel, private readonly controller: () => Controller | undefined, private readonly now: () => number) {
    this.doors = [model.bayDoor];
    for (const l of model.letters) this.doors.push(model.airlocks[l].outer, model.airlocks[l].inner);
    for (const d of this.doors) this.wasClosed.set(d, atClosedLimit(d));
  }

  // One key per place an invariant is checked, made once: the check itself builds no string unless it fails.
  private static readonly keys = Object.fromEntries(airlockLetters.map((l) => [l, {
    outer: `1:${l}:outer`, inner: `1:${l}:inner`, both: `2:${l}`, start: `5:${l}`, outer7: `7:${l}:outer`, inner7: `7:${l}:inner`, rest: `9:${l}`,
  }]));

  /** An operator reset a machine: an airlock must now rest until a person asks again (invariant 9). */
  reset(machine: string): void {
    if (machine.startsWith('airlock ')) this.resting[machine.slice('airlock '.length)] = true;
  }

  /** A person pressed a button: an airlock's buttons end its rest after a reset. */
  pressed(button: string): void {
    const m = /^airlock (\w+) button/.exec(button);
    if (m) this.resting[m[1]] = false;
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
    const controller = this.controller(), { model } = this, keys = InvariantMonitor.keys;
    const env = controller?.started ? controller.machines['bay environment']?.state : undefined;
    const bay = model.bay.kPa, ship = model.constants.shipKpa;
    for (const sensor in model.sensorFaults) if (model.sensorFaults[sensor] !== undefined) this.broken[sensor] = true;
    for (const l of model.letters) {
      const a = model.airlocks[l], k = keys[l];
      if (!notClosed(a.outer) || Math.abs(a.chamberKpa - bay) <= SAME_KPA) this.clear(k.outer);
      else this.fail(k.outer, 1, `airlock ${l} outer door open or moving while chamber ${a.chamberKpa.toFixed(1)} kPa and bay ${bay.toFixed(1)} kPa differ`);
      if (!notClosed(a.inner) || a.chamberKpa >= ship - SAME_KPA) this.clear(k.inner);
      else this.fail(k.inner, 1, `airlock ${l} inner door open or moving while the chamber is at ${a.chamberKpa.toFixed(1)} kPa`);
      if (!(notClosed(a.outer) && notClosed(a.inner))) this.clear(k.both);
      else this.fail(k.both, 2, `airlock ${l} has both doors open or moving`);
      const opening = movingOpen(a.outer);
      if (opening && !this.outerWasOpening[l]) {
        if (!(env && CHANGING[env])) this.clear(k.start);
        else this.fail(k.start, 5, `airlock ${l} outer door started opening while the bay environment is ${env}`);
      }
      this.outerWasOpening[l] = opening;
      if (this.starts(a.outer)) {
        if (Math.abs(a.chamberKpa - bay) > DOOR_START_KPA) this.fail(k.outer7, 7, `airlock ${l} outer door started opening with chamber ${a.chamberKpa.toFixed(1)} kPa and bay ${bay.toFixed(1)} kPa`);
        else this.clear(k.outer7);
        if (this.resting[l]) this.fail(k.rest, 9, `airlock ${l} outer door started opening by itself after an operator reset`);
      }
      if (this.starts(a.inner)) {
        if (Math.abs(a.chamberKpa - ship) > DOOR_START_KPA) this.fail(k.inner7, 7, `airlock ${l} inner door started opening with chamber ${a.chamberKpa.toFixed(1)} kPa and ship ${ship} kPa`);
        else this.clear(k.inner7);
        if (this.resting[l]) this.fail(k.rest, 9, `airlock ${l} inner door started opening by itself after an operator reset`);
      }
    }
    const door = model.bayDoor;
    if (this.starts(door)) {
      if (bay > BAY_DOOR_START_KPA) this.fail('7:E', 7, `door E started opening while the bay holds ${bay.toFixed(1)} kPa`);
      else this.clear('7:E');
    }
    for (let i = 0; i < this.doors.length; i++) this.wasClosed.set(this.doors[i], atClosedLimit(this.doors[i]));
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

  /** The door has just left its closed limit, driven open. */
  private starts(d: Door): boolean { return this.wasClosed.get(d) === true && !atClosedLimit(d) && d.motor === 1; }

  private clear(key: string): void {
    if (this.active.size > 0) this.active.delete(key);
  }

  private fail(key: string, invariant: number, detail: string): void {
    if (this.active.has(key)) return;
    this.active.add(key);
    this.violations.push({ t: this.now(), invariant, detail });
  }
}
