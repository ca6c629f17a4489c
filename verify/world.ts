// The abstract physical world the checker explores: pressures full, between or empty, doors closed, moving or
// open, and the outputs the controller derives from the machines' states (outputs table and interlock, reused).
import * as interlock from '../firmware/controller/interlock';
import type { InterlockFacts } from '../firmware/controller/interlock';
import * as outputs from '../firmware/controller/outputs';
import * as thresholds from '../firmware/thresholds';
import * as coordination from '../firmware/coordination';

// Module-level copies: under the tsx loader every use of an imported binding is a call.
const { refuseBayAir, refuseDoorOpen } = interlock, { airlockOutputs, bayDoorOutput, bayOutputs } = outputs;
const { defaultThresholds } = thresholds, { bayHostileIn } = coordination;

/** Pressure levels. Ship pressure is FULL; space is EMPTY. @family (knip.jsonc) */
export const FULL = 0, BETWEEN = 1, EMPTY = 2;
/** Door positions, by its limit switches: CLOSED and OPEN at the limits, MOVING anywhere between. */
export const CLOSED = 0, MOVING = 1, OPEN = 2;
export const LEVEL_NAMES = ['full', 'between', 'empty'] as const;
export const POSITION_NAMES = ['closed', 'moving', 'open'] as const;

export type Motor = 'open' | 'close' | 'stop';

interface AirlockParts {
  chamber: number;
  outer: number;
  inner: number;
  /** Faulted by a sensor fault (doors driven closed) rather than a missed deadline (stopped where they stand). */
  sensorFault: boolean;
  /** Observed, not physical: reset or rebooted, and no button of this airlock pressed since (invariant 9). */
  awaitsRequest: boolean;
}

export interface World {
  bay: number;
  bayDoor: number;
  bayDoorSensorFault: boolean;
  /** A hull breach is open: the bay loses air until it is sealed (or empty). */
  breach: boolean;
  /** Faults (and reboots) spent on this path, against the run's budget. */
  faults: number;
  /** Power is back and the controller has not yet read its sensors: every state is unknown (the boot window). */
  booting: boolean;
  /**
   * Observed, not physical (invariant 9): door E, or the environment, was reset or rebooted, and no new deck request
   * (nor a breach, the fresh evidence that asks for red alert) has come since.
   */
  doorAwaitsRequest: boolean;
  environmentAwaitsRequest: boolean;
  airlocks: AirlockParts[];
}

/** The machines' states as the world needs them, read from the real machines; `unknown` in the boot window (no output table lists it: all stopped). */
export interface MachineStates {
  deck(): string;
  bayDoor(): string;
  environment(): string;
  airlock(i: number): string;
}

export const createWorld = (airlocks: number): World => ({
  bay: FULL, bayDoor: CLOSED, bayDoorSensorFault: false, breach: false, faults: 0,
  booting: false, doorAwaitsRequest: false, environmentAwaitsRequest: false,
  airlocks: Array.from({ length: airlocks }, () => ({ chamber: FULL, outer: CLOSED, inner: CLOSED, sensorFault: false, awaitsRequest: false })),
});

// The interlock reads kPa; the abstraction gives one value per level (two "between" pressures count as equal).
export const KPA = [101.3, 50, 0];
const CHANGING: { [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };

/**
 * The controller's outputs for a world and machine states: what each machine asks for (`wanted…`) and what the
 * interlock lets through (`…Motor`, `bayPump`…). With `interlock` false, every wish goes through unfiltered.
 */
export class Outputs {
  private world!: World;
  private machines!: MachineStates;
  private readonly letters: readonly string[];
  private readonly facts: InterlockFacts;
  private readonly doorNames: { outer: string; inner: string }[];

  constructor(letters: readonly string[], private readonly interlock: boolean) {
    this.letters = letters;
    this.doorNames = letters.map((l) => ({ outer: `airlock ${l} outer door`, inner: `airlock ${l} inner door` }));
    this.facts = {
      bayEnvironment: () => this.machines.environment(),
      bayHostile: () => bayHostileIn(this.machines.environment()),
      bayKpa: () => KPA[this.world.bay],
      // Airlocks are A, B, … in order: the letter is the index.
      chamberKpa: (airlock) => KPA[this.world.airlocks[airlock.charCodeAt(airlock.length - 1) - 65].chamber],
      doorClosed: (door) => {
        if (door === 'bay door') return this.world.bayDoor === CLOSED;
        const a = this.world.airlocks[door.charCodeAt('airlock '.length) - 65];
        return (door.endsWith('outer door') ? a.outer : a.inner) === CLOSED;
      },
    };
  }

  bind(world: World, machines: MachineStates): this { this.world = world; this.machines = machines; return this; }

  wantedBayDoor(): Motor { return bayDoorOutput(this.machines.bayDoor(), this.world.bayDoorSensorFault ? 'sensor fault' : 'deadline missed'); }
  bayDoorMotor(): Motor {
    const want = this.wantedBayDoor();
    return want === 'open' && this.interlock && refuseDoorOpen('bay door', this.facts, defaultThresholds) !== undefined ? 'stop' : want;
  }

  wantedOuter(i: number): Motor { return this.airlockWish(i).outer; }
  wantedInner(i: number): Motor { return this.airlockWish(i).inner; }
  outerMotor(i: number): Motor { return this.guard(i, 'outer', this.wantedOuter(i)); }
  innerMotor(i: number): Motor { return this.guard(i, 'inner', this.wantedInner(i)); }
  chamberPump(i: number): boolean { return this.airlockWish(i).pump; }
  chamberVent(i: number): boolean { return this.airlockWish(i).vent; }

  /** Pump and heater only while door E is at its closed limit (invariant 4); venting is always allowed. */
  bayPump(): boolean { return bayOutputs(this.machines.environment()).pump && this.bayAirAllowed(); }
  bayHeater(): boolean { return bayOutputs(this.machines.environment()).heater && this.bayAirAllowed(); }
  bayVent(): boolean { return bayOutputs(this.machines.environment()).vent; }
  wantsBayAir(): boolean { const o = bayOutputs(this.machines.environment()); return o.pump || o.heater; }

  /** Why the interlock refuses what the machines ask for now, or undefined: the logic leaning on the last line of defence. */
  refusal(): string | undefined {
    const bay = this.bayRefusal();
    if (bay) return bay;
    for (let i = 0; i < this.world.airlocks.length; i++) { const r = this.airlockRefusal(i); if (r) return r; }
    return undefined;
  }

  /** The refusal of door E or the bay's air, or undefined. */
  bayRefusal(): string | undefined {
    if (this.wantedBayDoor() === 'open') { const r = refuseDoorOpen('bay door', this.facts, defaultThresholds); if (r) return r; }
    if (this.wantsBayAir()) { const r = refuseBayAir(this.facts); if (r) return `bay environment ${this.machines.environment()}: ${r}`; }
    return undefined;
  }

  /** The refusal of airlock i's doors, or undefined. */
  airlockRefusal(i: number): string | undefined {
    const outer = this.wantedOuter(i) === 'open' ? refuseDoorOpen(this.doorNames[i].outer, this.facts, defaultThresholds) : undefined;
    if (outer) return outer;
    return this.wantedInner(i) === 'open' ? refuseDoorOpen(this.doorNames[i].inner, this.facts, defaultThresholds) : undefined;
  }

  private bayAirAllowed(): boolean { return !this.interlock || refuseBayAir(this.facts) === undefined; }

  private airlockWish(i: number) {
    return airlockOutputs(this.machines.airlock(i), this.world.airlocks[i].sensorFault ? 'sensor fault' : 'deadline missed');
  }

  private guard(i: number, which: 'outer' | 'inner', want: Motor): Motor {
    if (want !== 'open' || !this.interlock) return want;
    return refuseDoorOpen(this.doorNames[i][which], this.facts, defaultThresholds) === undefined ? 'open' : 'stop';
  }
}

/** The bay environment is changing (rule 3). */
export const isChanging = (environment: string): boolean => CHANGING[environment] === true;

/** One notch toward a target level or position (levels and positions are both ordered 0, 1, 2). */
export const toward = (from: number, to: number): number => (from < to ? from + 1 : from > to ? from - 1 : from);
