// The launch bay's simulated hardware: doors, airlock chambers, the bay's air and heat, buttons and indicators, faults.
import { airlockLetters, airlockOf, indicatorSignals, knownSignals, type AirlockLetter } from '../../firmware/board/signals';
import { createAirlock, stepAirlock, type Airlock, type AirlockStart } from './airlock';
import { createBay, stepBayAir, stepBayHeat, type Bay } from './bay';
import { defaultConstants, type PhysicsConstants } from './constants';
import { createDoor, stepDoor, type Door } from './door';
import { createFactors, updateFactors, type StepFactors } from './factors';
import { SeededRandom } from './random';

/** A door by name, as scenarios and the terminal view say it (`airlock B outer door` is accepted too). */
export type DoorName = 'bay door' | `airlock ${AirlockLetter} ${'outer' | 'inner'}`;

/** A sensor fault the provider applies when the sensor is read. */
export type SensorFault = { kind: 'stuck'; value: number } | { kind: 'out of range' };

export interface LaunchBayOptions {
  /** Seeds the sensor noise (default 1). */
  seed?: number;
  /** Overrides of any physical constant (time constants, rates, noise). */
  constants?: Partial<PhysicsConstants>;
  /** Starting conditions; unnamed ones are a settled, friendly bay with every door closed. */
  bay?: Partial<Bay>;
  bayDoor?: Partial<Door>;
  airlocks?: { [L in AirlockLetter]?: AirlockStart };
  /** The airlocks that exist, which the physics steps (default: every one the vocabulary allows). */
  letters?: readonly AirlockLetter[];
  /**
   * Build only what exists: the airlocks in `letters` and the buttons of the deck and those airlocks. Every other
   * airlock is one shared airlock, frozen, standing still (closed, full, off), and has no buttons. For a device
   * build's simulated hardware, whose RAM the board's budget pays; a host model keeps every part (the default).
   */
  lean?: boolean;
}

/** A button's state: true while pressed. */
export interface ButtonCell { pressed: boolean }

// Every button's accessors on `model.buttons`, made once with the module, not per model: each reads and writes the
// button's cell in the list the model keeps under CELLS (not enumerable, so the object lists only button names).
const CELLS = Symbol('button cells');
interface ButtonHolder { [CELLS]: ButtonCell[] }
const BUTTON_NAMES: string[] = [];
const BUTTON_ACCESSORS: PropertyDescriptorMap = {};
for (const [name, spec] of knownSignals()) {
  if (spec.kind !== 'input' || name.endsWith(' limit')) continue;
  const i = BUTTON_NAMES.push(name) - 1;
  BUTTON_ACCESSORS[name] = {
    get(this: ButtonHolder) { return this[CELLS][i].pressed; },
    set(this: ButtonHolder, on: boolean) { this[CELLS][i].pressed = on === true; },
    enumerable: true,
  };
}

/** What a lean model's absent airlocks all are: made once, frozen, never stepped. */
const STILL_AIRLOCK: Airlock = Object.freeze({
  ...createAirlock(defaultConstants),
  outer: Object.freeze(createDoor(defaultConstants.airlockDoorTravelMs)),
  inner: Object.freeze(createDoor(defaultConstants.airlockDoorTravelMs)),
});
/** An absent button's cell in a lean model: never pressed, and no accessor reaches it. */
const NO_BUTTON: ButtonCell = Object.freeze({ pressed: false });

export class LaunchBayModel {
  /** The defaults themselves when nothing is overridden (one shared record, read-only: in flash on a device build). */
  readonly constants: Readonly<PhysicsConstants>;
  readonly bayDoor: Door;
  readonly airlocks: { readonly [L in AirlockLetter]: Airlock };
  /** The airlocks that exist (the others stand still, closed and full, and no view shows them). */
  readonly letters: readonly AirlockLetter[];
  readonly bay: Bay;
  /**
   * Every button signal, true while pressed: each property reads and writes the button's cell (`buttonCell`), which
   * the simulator's inputs read directly (a keyed lookup in an object of some twenty names is a hash probe).
   */
  readonly buttons: { [signal: string]: boolean } = {};
  /** Every indicator signal, true while on. */
  readonly outputs: { [signal: string]: boolean } = {};
  readonly sensorFaults: { [signal: string]: SensorFault | undefined } = {};
  /** Simulated time stepped so far, ms. */
  elapsedMs = 0;

  private readonly airlockList: Airlock[];
  private readonly factors: StepFactors = createFactors();
  private readonly random: SeededRandom;

  constructor(o: LaunchBayOptions = {}) {
    const c = (this.constants = o.constants ? { ...defaultConstants, ...o.constants } : defaultConstants);
    this.random = new SeededRandom(o.seed ?? 1);
    this.bayDoor = createDoor(c.bayDoorTravelMs, o.bayDoor);
    this.bay = createBay(c, o.bay);
    const starts = o.airlocks ?? {}, letters = (this.letters = o.letters ?? airlockLetters), lean = o.lean === true;
    const airlocks = {} as { [L in AirlockLetter]: Airlock };
    for (const l of airlockLetters) airlocks[l] = lean && !letters.includes(l) ? STILL_AIRLOCK : createAirlock(c, starts[l]);
    this.airlocks = airlocks;
    this.airlockList = letters.map((l) => airlocks[l]);
    // Each model's own cells, behind the accessors made once with the module (a plain loop: a function made here
    // would be made anew with each model, and on XS a preloaded module's run-time function costs RAM). No Map of
    // them: `buttonCell` finds one by its index among the names, once per pin at boot.
    const list: ButtonCell[] = [];
    Object.defineProperty(this.buttons, CELLS, { value: list });
    for (let i = 0; i < BUTTON_NAMES.length; i++) {
      const name = BUTTON_NAMES[i], letter = airlockOf(name), absent = lean && letter !== undefined && !letters.includes(letter);
      list.push(absent ? NO_BUTTON : { pressed: false });
      if (!absent) Object.defineProperty(this.buttons, name, BUTTON_ACCESSORS[name]);
    }
    for (const s of indicatorSignals) this.outputs[s.name] = false;
  }

  /** Advances the physics by `dtMs`; long steps are split into steps of at most `maxStepMs`. Allocates nothing. */
  step(dtMs: number): void {
    if (!(dtMs > 0)) return;
    const max = this.constants.maxStepMs;
    let left = dtMs;
    while (left > max) { this.substep(max); left -= max; }
    this.substep(left);
    this.elapsedMs += dtMs;
  }

  /** The button's state record, what `buttons[signal]` reads and writes; undefined for a name that is no button. */
  buttonCell(signal: string): ButtonCell | undefined {
    const i = BUTTON_NAMES.indexOf(signal), cell = i < 0 ? undefined : (this.buttons as unknown as ButtonHolder)[CELLS][i];
    return cell === NO_BUTTON ? undefined : cell;
  }

  /** The door of that name; throws on an unknown name. */
  door(name: DoorName | string): Door {
    if (name === 'bay door') return this.bayDoor;
    const letter = airlockOf(name), side = letter && / (outer|inner)( door)?$/.exec(name);
    if (!letter || !side || name !== `airlock ${letter} ${side[1]}${side[2] ?? ''}`) throw new Error(`launch bay: no door named ${JSON.stringify(name)}`);
    return side[1] === 'outer' ? this.airlocks[letter].outer : this.airlocks[letter].inner;
  }

  /** Jams a door where it stands: its motor may run, the door does not move. */
  jam(door: Door | DoorName): void { this.doorOf(door).jammed = true; }
  unjam(door: Door | DoorName): void { this.doorOf(door).jammed = false; }

  /** Sensor noise: uniform in [-1, 1), from the seeded generator; the caller scales it. */
  noise(): number { return this.random.signed(); }

  /** Runs `look` (a view reading a sensor through the controller) and puts the noise back, so looking changes no run. */
  unperturbed<T>(look: () => T): T {
    const mark = this.random.mark();
    try { return look(); } finally { this.random.restore(mark); }
  }

  private doorOf(door: Door | string): Door { return typeof door === 'string' ? this.door(door) : door; }

  private substep(dtMs: number): void {
    const c = this.constants, f = this.factors, bay = this.bay, list = this.airlockList;
    updateFactors(f, c, dtMs);
    stepDoor(this.bayDoor, dtMs);
    // The bay's own gains and losses first (pump, vent, door E, a breach); then the chambers open to it follow the
    // bay as it is now, as air through a door-sized opening does, and the bay takes their air after.
    stepBayAir(bay, this.bayDoor.position, c, f);
    const bayKpa = bay.kPa;
    let fromChambers = 0;
    for (let i = 0; i < list.length; i++) fromChambers += stepAirlock(list[i], bayKpa, c, f);
    bay.kPa = Math.max(0, bayKpa + fromChambers);
    stepBayHeat(bay, c, f);
  }
}
