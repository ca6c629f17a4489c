// The composed system under check: the real machines and coordination hooks (createSystem) in one reused
// instance, the abstract world around them, and the codec that saves a whole state to a few 32-bit words (verify/codec.ts).
import { airlockLetters, type AirlockLetter, type MachineId } from '../firmware/board/signals';
import type { airlockAfterBoot, bayDoorAfterBoot, deckAfterBoot, environmentAfterBoot } from '../firmware/controller/reconstruct';
import type { Machine } from '../firmware/core';
import { airlock, bayDoor, bayEnvironment, battleDeck } from '../firmware/machines';
import type { CoordinationMemory } from '../firmware/coordination';
import { createSystem, type LaunchBaySystem, type SystemOptions } from '../firmware/system';
import { bitsFor, compileMemory, put, take, type MemoryCodec } from './codec';
import { createWorld, KPA, Outputs, type MachineStates, type World } from './world';

export interface ModelOptions {
  /** How many airlocks (A, B, … in order), 0 to 4 (default 4). */
  airlocks?: number;
  /** Filter outputs through the controller's interlock, as on the device (default true). */
  interlock?: boolean;
  /** Faults (missed deadlines, sensor faults, reboots) allowed on one path (default 1; at most 7). */
  faults?: number;
  /** Whether a power loss and reboot is one of the faults (default true). */
  reboot?: boolean;
  /** Whether hull breaches happen (default true). */
  leaks?: boolean;
  /**
   * The controller's scan (50 ms) is prompt: once a `finished …` can be sent, it is, before anything else happens
   * (default false: every order, however narrow the window).
   */
  promptScan?: boolean;
  /** Treat airlocks A–D as interchangeable (default true). */
  symmetry?: boolean;
  /**
   * Replaces coordination hooks, as createSystem's option, to break a rule on purpose; `system` gives a hook
   * the running system (to send events, as the real hooks do through their view).
   */
  rules?(hooks: Hooks, system: () => LaunchBaySystem): Hooks;
  /** Replaces parts of the controller's boot, to break it on purpose (default: the controller's own). */
  boot?: Partial<Boot>;
}

type Hooks = ReturnType<NonNullable<SystemOptions['rules']>>;

/**
 * How the controller comes back after a power loss (firmware/controller/controller.ts): every machine unknown until
 * its sensors are read (the boot window), then rebuilt by firmware/controller/reconstruct.ts.
 */
interface Boot {
  /** A machine's state and goal in the boot window. The controller's: unknown (undefined). */
  window(machine: Machine): { state: string | undefined; goal: string | undefined };
  /** The coordination's memory after the power loss. The controller's: new (a held-back press is gone with the power). */
  memory(before: CoordinationMemory): CoordinationMemory;
  bayDoor: typeof bayDoorAfterBoot;
  environment: typeof environmentAfterBoot;
  deck: typeof deckAfterBoot;
  airlock: typeof airlockAfterBoot;
}

export type Resolved = Required<Omit<ModelOptions, 'rules' | 'boot'>> & Pick<ModelOptions, 'rules' | 'boot'>;

// Definitions held locally: the hot path reads them millions of times.
const DECK = battleDeck, DOOR = bayDoor, ENV = bayEnvironment, LOCK = airlock;
type Definition = Machine['definition'];
/** A machine's state as a code: its index + 1, 0 while unknown. */
const stateCode = (d: Definition, m: Machine) => (d.stateIndex[m.state as string] ?? -1) + 1;
/** A goal as a code: its index + 1, 0 for none. */
const goalCode = (d: Definition, m: Machine) => (m.goal === undefined ? 0 : d.goals.indexOf(m.goal) + 1);
/** Code 0 restores the unknown state (firmware/core machine.ts `restore(undefined, undefined)`). */
const restoreFrom = (d: Definition, m: Machine, state: number, goal: number) => m.restore(d.states[state - 1], d.goals[goal - 1]);
// The abstract world's fields: levels and positions take 2 bits, the fault counter 3; the bay's flags (door E and
// the environment wait for a request, the boot window) 3; an airlock's world (chamber, doors, a sensor fault, waits
// for a request) 2 + 2 + 2 + 1 + 1.
const LEVEL = 2, FAULTS = 3, BAY_FLAGS = 3, AIRLOCK_WORLD = 3 * LEVEL + 2;

export class Model {
  readonly options: Resolved;
  readonly letters: readonly AirlockLetter[];
  readonly ids: readonly MachineId[];
  /** The machine of each slot (verify/events.ts): door E, the environment, then the airlocks. */
  readonly slotIds: readonly MachineId[];
  readonly system: LaunchBaySystem;
  /** The world now; `apply` changes it together with the machines. */
  readonly world: World;
  readonly outputs: Outputs;
  readonly states: MachineStates;
  /** Impossible events reported since the last `load` (the matrix says they cannot happen). */
  impossible: string[] = [];
  private readonly deck: Machine;
  private readonly door: Machine;
  private readonly env: Machine;
  private readonly locks: Machine[];
  /** 32-bit words per saved state. */
  readonly width: number;
  private readonly leaves: MemoryCodec;
  private readonly fields: number;
  private readonly code: number[];
  /** The airlock codes the machines hold now (concrete order), valid right after a save or load. */
  private readonly live: number[];
  /** The bay machines' state and goal codes held now, as the airlocks' in `live`. */
  private readonly liveBay = [-1, -1, -1, -1];
  private saves = 0;
  // Bit widths and offsets of the state key (verify/codec.ts).
  private readonly bits: { deck: number; deckGoal: number; door: number; env: number; lock: number; lockGoal: number };
  /** Where the fault counter sits: the bay part is every bit before it (the projection check leaves it out). */
  readonly faultsAt: number;
  /** Where the airlocks' parts start, and how many bits each takes. */
  readonly airlocksAt: number;
  readonly airlockBits: number;
  /** Every airlock runs the same hooks: what an airlock's part does depends on the part, not on which airlock holds it. */
  readonly alike: boolean;

  constructor(options: ModelOptions = {}) {
    const o = this.options = { airlocks: 4, interlock: true, faults: 1, reboot: true, leaks: true, promptScan: false, symmetry: true, ...options };
    if (!(o.airlocks >= 0 && o.airlocks <= 4)) throw new Error(`verify: airlocks must be 0 to 4 (not ${o.airlocks})`);
    if (!(o.faults >= 0 && o.faults <= 7)) throw new Error(`verify: faults must be 0 to 7 (not ${o.faults})`);
    this.letters = airlockLetters.slice(0, o.airlocks);
    this.ids = ['battle deck', 'bay door', 'bay environment', ...this.letters.map((l) => `airlock ${l}` as MachineId)];
    this.slotIds = this.ids.slice(1);
    this.world = createWorld(o.airlocks);
    // Each airlock's hooks by their source text: alike when every airlock runs the same code.
    const index = (l: AirlockLetter) => this.letters.indexOf(l), hookNames = new Set<string>();
    this.system = createSystem({
      hosts: this.ids, rules: (hooks) => {
        const out = o.rules ? o.rules(hooks, () => this.system) : hooks;
        for (const l of this.letters) hookNames.add(JSON.stringify(out[`airlock ${l}`], (_k, v) => (typeof v === 'function' ? String(v) : v)) ?? '');
        return out;
      },
      // The abstract levels as readings (world.ts KPA); a full bay is taken as cold when a reset reads it (it heats).
      kPa: (place) => KPA[place === 'bay' ? this.world.bay : this.world.airlocks[index(place)].chamber],
      outerDoorClosed: (l) => this.world.airlocks[index(l)].outer === 0,
      bayDoorClosed: () => this.world.bayDoor === 0,
      bayWarm: () => false,
      extra: (id) => ({ onImpossible: (_m, state, event) => { this.impossible.push(`${id}: "${event}" in "${state}"`); } }),
    });
    const m = this.system.machines;
    this.deck = m['battle deck']!; this.door = m['bay door']!; this.env = m['bay environment']!;
    this.locks = this.letters.map((l) => m[`airlock ${l}`]!);
    // An unknown state reads `unknown` (stateText): no outputs table lists it, so its parts stand still.
    this.states = {
      deck: () => this.deck.state ?? 'unknown', bayDoor: () => this.door.state ?? 'unknown', environment: () => this.env.state ?? 'unknown',
      airlock: (i) => this.locks[i].state ?? 'unknown',
    };
    this.outputs = new Outputs(this.letters, o.interlock).bind(this.world, this.states);
    // Symmetry holds only while every airlock runs the same hooks (a rule broken for one airlock breaks it).
    this.alike = hookNames.size <= 1;
    if (!this.alike) o.symmetry = false;
    this.code = this.letters.map(() => 0);
    this.live = this.letters.map(() => -1);
    // Every leaf of the coordination's memory is part of the key, found in its shape: a new field is never dropped.
    this.leaves = compileMemory(this.memory(), this.letters);
    this.fields = fieldCount(this.memory());
    const b = this.bits = {
      deck: bitsFor(DECK.states.length + 1), deckGoal: bitsFor(DECK.goals.length + 1), door: bitsFor(DOOR.states.length + 1),
      env: bitsFor(ENV.states.length + 1), lock: bitsFor(LOCK.states.length + 1), lockGoal: bitsFor(LOCK.goals.length + 1),
    };
    this.faultsAt = b.deck + b.deckGoal + b.door + b.env + LEVEL + 1 + LEVEL + 1 + BAY_FLAGS + this.leaves.sharedBits;
    this.airlocksAt = this.faultsAt + FAULTS;
    this.airlockBits = b.lock + b.lockGoal + AIRLOCK_WORLD + this.leaves.airlockBits;
    if (this.airlockBits > 31) throw new Error(`verify: an airlock's part of the state takes ${this.airlockBits} bits, more than the 31 it may`);
    this.width = Math.max(1, Math.ceil((this.airlocksAt + this.letters.length * this.airlockBits) / 32));
  }

  private memory(): { [field: string]: unknown } { return this.system.coordination.memory as unknown as { [field: string]: unknown }; }

  machine(i: number): Machine { return this.locks[i]; }
  deckGoal(): string | undefined { return this.deck.goal; }

  /** Saves the state now into `out[at…at+width-1]`; `canonical`: airlocks sorted, when symmetry is on. */
  save(out: Uint32Array, at: number, canonical: boolean): void {
    const w = this.world, mem = this.memory(), b = this.bits, leaves = this.leaves;
    if ((++this.saves & 1023) === 0 && fieldCount(mem) !== this.fields) throw new Error('verify: the coordination memory gained or lost a field while the check ran; its fields must all exist from the start');
    for (let k = 0; k < this.width; k++) out[at + k] = 0;
    const live = this.liveBay;
    let pos = put(out, at, 0, live[0] = stateCode(DECK, this.deck), b.deck);
    pos = put(out, at, pos, live[1] = goalCode(DECK, this.deck), b.deckGoal);
    pos = put(out, at, pos, live[2] = stateCode(DOOR, this.door), b.door);
    pos = put(out, at, pos, live[3] = stateCode(ENV, this.env), b.env);
    pos = put(out, at, pos, w.bayDoor, LEVEL);
    pos = put(out, at, pos, w.bayDoorSensorFault && this.door.state === 'faulted' ? 1 : 0, 1);
    pos = put(out, at, pos, w.bay, LEVEL);
    pos = put(out, at, pos, w.breach ? 1 : 0, 1);
    // The observation state of the fresh-intent properties: who waits for a new request, and the boot window.
    pos = put(out, at, pos, (w.doorAwaitsRequest ? 1 : 0) | (w.environmentAwaitsRequest ? 2 : 0) | (w.booting ? 4 : 0), BAY_FLAGS);
    pos = leaves.saveShared(mem, out, at, pos);
    pos = put(out, at, pos, w.faults, FAULTS);
    const code = this.code;
    for (let i = 0; i < this.locks.length; i++) {
      const a = w.airlocks[i], m = this.locks[i];
      let c = stateCode(LOCK, m), shift = b.lock;
      c |= goalCode(LOCK, m) << shift; shift += b.lockGoal;
      c |= (a.chamber | a.outer << LEVEL | a.inner << (2 * LEVEL) | (a.sensorFault && m.state === 'faulted' ? 1 : 0) << (3 * LEVEL)
        | (a.awaitsRequest ? 1 : 0) << (3 * LEVEL + 1)) << shift;
      c |= leaves.airlockCodes[i](mem) << (shift + AIRLOCK_WORLD);
      code[i] = this.live[i] = c;
    }
    if (canonical && this.options.symmetry) sortSmall(code);
    for (let i = 0; i < code.length; i++) pos = put(out, at, pos, code[i], this.airlockBits);
  }

  /**
   * Loads a saved state into the machines (placed without hooks, as `LaunchBaySystem.restore` does), the
   * coordination's memory and the world: one reused system, no allocation. `sinceSave`: the model has not moved
   * since it was last saved or loaded, so an airlock that already holds its part is left as it is.
   */
  load(words: Uint32Array, at: number, sinceSave = false): void {
    const w = this.world, mem = this.memory(), b = this.bits, leaves = this.leaves;
    const live = this.liveBay, deck = take(words, at, 0, b.deck), deckGoal = take(words, at, b.deck, b.deckGoal);
    const door = take(words, at, b.deck + b.deckGoal, b.door), env = take(words, at, b.deck + b.deckGoal + b.door, b.env);
    let pos = b.deck + b.deckGoal + b.door + b.env;
    if (!sinceSave || deck !== live[0] || deckGoal !== live[1]) restoreFrom(DECK, this.deck, live[0] = deck, live[1] = deckGoal);
    if (!sinceSave || door !== live[2]) restoreFrom(DOOR, this.door, live[2] = door, 0);
    if (!sinceSave || env !== live[3]) restoreFrom(ENV, this.env, live[3] = env, 0);
    w.bayDoor = take(words, at, pos, LEVEL); pos += LEVEL;
    w.bayDoorSensorFault = take(words, at, pos, 1) === 1; pos += 1;
    w.bay = take(words, at, pos, LEVEL); pos += LEVEL;
    w.breach = take(words, at, pos, 1) === 1; pos += 1;
    const flags = take(words, at, pos, BAY_FLAGS); pos += BAY_FLAGS;
    w.doorAwaitsRequest = (flags & 1) !== 0; w.environmentAwaitsRequest = (flags & 2) !== 0; w.booting = (flags & 4) !== 0;
    pos = leaves.loadShared(mem, words, at, pos);
    w.faults = take(words, at, pos, FAULTS);
    for (let i = 0; i < this.locks.length; i++) {
      const c = take(words, at, this.airlocksAt + i * this.airlockBits, this.airlockBits);
      if (sinceSave && c === this.live[i]) continue;
      this.live[i] = c;
      const a = w.airlocks[i], shift = b.lock + b.lockGoal;
      restoreFrom(LOCK, this.locks[i], c & ((1 << b.lock) - 1), (c >>> b.lock) & ((1 << b.lockGoal) - 1));
      a.chamber = (c >>> shift) & 3; a.outer = (c >>> (shift + LEVEL)) & 3; a.inner = (c >>> (shift + 2 * LEVEL)) & 3;
      a.sensorFault = ((c >>> (shift + 3 * LEVEL)) & 1) === 1;
      a.awaitsRequest = ((c >>> (shift + 3 * LEVEL + 1)) & 1) === 1;
      leaves.loadAirlock[i](mem, c >>> (shift + AIRLOCK_WORLD));
    }
    this.impossible.length = 0;
  }

  /** Airlock i's code as the machines hold it now (concrete order), right after a save or a load. */
  liveCode(i: number): number { return this.live[i]; }

  /**
   * Writes a state to `out[at…]` from `bay[bayAt…]` (a saved state whose airlock bits are cleared: its bay part and fault
   * counter) and the airlocks' codes in `codes` (concrete order; sorted in place when symmetry is on), as `save` would.
   */
  compose(out: Uint32Array, at: number, bay: Uint32Array, bayAt: number, codes: number[]): void {
    for (let k = 0; k < this.width; k++) out[at + k] = bay[bayAt + k];
    if (this.options.symmetry) sortSmall(codes);
    let pos = this.airlocksAt;
    for (let i = 0; i < codes.length; i++) pos = put(out, at, pos, codes[i], this.airlockBits);
  }

  /** The code of airlock i's part of the state (equal codes: interchangeable airlocks). */
  airlockCode(words: Uint32Array, at: number, i: number): number { return take(words, at, this.airlocksAt + i * this.airlockBits, this.airlockBits); }

  /** The bay's part of a state without the fault counter, as a key: what the projection check compares. */
  bayKey(words: Uint32Array, at: number): string {
    let key = '';
    for (let pos = 0; pos < this.faultsAt; pos += 30) key += `${take(words, at, pos, Math.min(30, this.faultsAt - pos))},`;
    return key;
  }

  /** The bay's part of a state without the fault counter as one number (`bayKey`'s bits; below 2^faultsAt). */
  bayValue(words: Uint32Array, at: number): number {
    const n = this.faultsAt;
    return n <= 30 ? take(words, at, 0, n) : take(words, at, 30, n - 30) * 2 ** 30 + take(words, at, 0, 30);
  }

  /** The faults spent on the path to a saved state. */
  faultsSpent(words: Uint32Array, at: number): number { return take(words, at, this.faultsAt, FAULTS); }
}

function fieldCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

// At most four numbers: insertion sort, without the comparator closure of Array.prototype.sort.
function sortSmall(a: number[]): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) { a[j + 1] = a[j]; j--; }
    a[j + 1] = x;
  }
}

