// COORDINATION.md's safety invariants, checked against the physics (doors, pressures) and the machines' states.
import { airlockLetters } from '../firmware/board/signals';
import type { Controller } from '../firmware/controller';
import { atClosedLimit, type Door, type LaunchBayModel } from './physics';

export interface Violation { t: number; invariant: number; detail: string }

// Pressures are "the same" within this margin: the interlock's 5 kPa plus sensor noise.
const SAME_KPA = 6;
const CHANGING: { [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };
const AIR: { [state: string]: boolean } = { pressurizing: true, heating: true, friendly: true };

const notClosed = (d: Door) => !atClosedLimit(d);
const movingOpen = (d: Door) => d.motor === 1 && !d.jammed;

/** Watches every step; records each violation once per episode (until it clears). */
export class InvariantMonitor {
  readonly violations: Violation[] = [];
  private readonly active = new Set<string>();
  private readonly outerWasOpening: { [letter: string]: boolean } = {};

  constructor(private readonly model: LaunchBayModel, private readonly controller: () => Controller | undefined, private readonly now: () => number) {}

  // One key per place an invariant is checked, made once: the check itself builds no string unless it fails.
  private static readonly keys = Object.fromEntries(airlockLetters.map((l) => [l, { outer: `1:${l}:outer`, inner: `1:${l}:inner`, both: `2:${l}`, start: `5:${l}` }]));

  /** Checks every invariant now. */
  check(): void {
    // While the power is off, or the controller has not yet rebuilt its states, the environment's state is
    // unknown: only the physical invariants are checked.
    const controller = this.controller(), { model } = this, keys = InvariantMonitor.keys;
    const env = controller?.started ? controller.machines['bay environment']?.state : undefined;
    const bay = model.bay.kPa, ship = model.constants.shipKpa;
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
    }
    const door = model.bayDoor;
    if (env !== undefined) {
      if (!(movingOpen(door) || (notClosed(door) && door.motor !== -1)) || env === 'hostile') this.clear('3');
      else this.fail('3', 3, `bay door open or opening while the bay environment is ${env}`);
      if (!(AIR[env] && notClosed(door))) this.clear('4');
      else this.fail('4', 4, `bay environment ${env} while the bay door is not closed`);
    }
  }

  private clear(key: string): void {
    if (this.active.size > 0) this.active.delete(key);
  }

  private fail(key: string, invariant: number, detail: string): void {
    if (this.active.has(key)) return;
    this.active.add(key);
    this.violations.push({ t: this.now(), invariant, detail });
  }
}
