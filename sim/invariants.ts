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

  /** Checks every invariant now. */
  check(): void {
    // While the power is off, or the controller has not yet rebuilt its states, the environment's state is
    // unknown: only the physical invariants are checked.
    const controller = this.controller(), { model } = this;
    const env = controller?.started ? controller.machines['bay environment']?.state : undefined;
    const bay = model.bay.kPa, ship = model.constants.shipKpa;
    for (const l of airlockLetters) {
      const a = model.airlocks[l];
      this.hold(1, `airlock ${l} outer door open or moving while chamber ${a.chamberKpa.toFixed(1)} kPa and bay ${bay.toFixed(1)} kPa differ`,
        !notClosed(a.outer) || Math.abs(a.chamberKpa - bay) <= SAME_KPA);
      this.hold(1, `airlock ${l} inner door open or moving while the chamber is at ${a.chamberKpa.toFixed(1)} kPa`,
        !notClosed(a.inner) || a.chamberKpa >= ship - SAME_KPA);
      this.hold(2, `airlock ${l} has both doors open or moving`, !(notClosed(a.outer) && notClosed(a.inner)));
      const opening = movingOpen(a.outer);
      if (opening && !this.outerWasOpening[l]) {
        this.hold(5, `airlock ${l} outer door started opening while the bay environment is ${env}`, !(env && CHANGING[env]));
      }
      this.outerWasOpening[l] = opening;
    }
    const door = model.bayDoor;
    if (env !== undefined) {
      this.hold(3, `bay door open or opening while the bay environment is ${env}`,
        !(movingOpen(door) || (notClosed(door) && door.motor !== -1)) || env === 'hostile');
      this.hold(4, `bay environment ${env} while the bay door is not closed`, !(AIR[env] && notClosed(door)));
    }
  }

  private hold(invariant: number, detail: string, ok: boolean): void {
    const key = `${invariant}:${detail.slice(0, 24)}`;
    if (ok) { this.active.delete(key); return; }
    if (this.active.has(key)) return;
    this.active.add(key);
    this.violations.push({ t: this.now(), invariant, detail });
  }
}
