// The composed system under check: the real machines and coordination hooks (createSystem) in one reused
// instance, the abstract world around them, and the codec that saves a whole state to three 32-bit words.
import { airlockLetters, type AirlockLetter, type MachineId } from '../../firmware/board/signals';
import type { airlockAfterBoot, bayDoorAfterBoot, deckAfterBoot, environmentAfterBoot } from '../../firmware/controller/reconstruct';
import type { Machine } from '../../firmware/core';
import { airlock, bayDoor, bayEnvironment, battleDeck } from '../../firmware/machines';
import type { CoordinationMemory } from '../../firmware/coordination';
import { createSystem, type LaunchBaySystem, type SystemOptions } from '../../firmware/system';
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
export interface Boot {
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

const KNOWN_MEMORY = ['recalled', 'heldBack', 'evidence', 'claimed'];
// Definitions held locally: the hot path reads them millions of times.
const DECK = battleDeck, DOOR = bayDoor, ENV = bayEnvironment, LOCK = airlock;
const codes = (names: readonly string[]) => Object.fromEntries(names.map((n, i) => [n, i + 1])) as { [name: string]: number };
const DECK_GOAL = codes(DECK.goals), AIRLOCK_GOAL = codes(LOCK.goals), DOOR_CODE = codes(DOOR.states), ENV_CODE = codes(ENV.states);
// The fields are full: three bits hold the deck's, door E's and the environment's 7 states and `unknown` (and the
// evidence, 1–7, with 0 for none); four bits an airlock's 12 states and `unknown`. A new state needs a wider field.
for (const [d, bits] of [[DECK, 3], [DOOR, 3], [ENV, 3], [LOCK, 4]] as const) {
  if (d.states.length >= 1 << bits) throw new Error(`verify: ${d.name} has ${d.states.length} states, more than the state key's ${bits} bits carry with unknown; widen its field in sim/verify/model.ts`);
}

export class Model {
  readonly options: Resolved;
  readonly letters: readonly AirlockLetter[];
  readonly ids: readonly MachineId[];
  /** The machine of each slot (sim/verify/events.ts): door E, the environment, then the airlocks. */
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
  private readonly extras: string[] = [];
  private readonly extraIndex = new Map<string, number>();
  private readonly code: number[];

  constructor(options: ModelOptions = {}) {
    const o = this.options = { airlocks: 4, interlock: true, faults: 1, reboot: true, leaks: true, promptScan: false, symmetry: true, ...options };
    if (!(o.airlocks >= 0 && o.airlocks <= 4)) throw new Error(`verify: airlocks must be 0 to 4 (not ${o.airlocks})`);
    if (!(o.faults >= 0 && o.faults <= 7)) throw new Error(`verify: faults must be 0 to 7 (not ${o.faults})`);
    this.letters = airlockLetters.slice(0, o.airlocks);
    this.ids = ['battle deck', 'bay door', 'bay environment', ...this.letters.map((l) => `airlock ${l}` as MachineId)];
    this.slotIds = this.ids.slice(1);
    this.world = createWorld(o.airlocks);
    const index = (l: AirlockLetter) => this.letters.indexOf(l);
    this.system = createSystem({
      hosts: this.ids, rules: o.rules && ((hooks) => o.rules!(hooks, () => this.system)),
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
    this.code = this.letters.map(() => 0);
    // The checker knows the coordination's memory field by field; anything new is carried along as one value.
    const memory = this.system.coordination.memory as unknown as { [k: string]: unknown };
    if (Object.keys(memory).some((k) => !KNOWN_MEMORY.includes(k) && isPerAirlock(memory[k]))) this.options.symmetry = false;
  }

  machine(i: number): Machine { return this.locks[i]; }
  deckGoal(): string | undefined { return this.deck.goal; }

  /**
   * Saves the state now into `out[at…at+2]`; `canonical`: airlocks sorted, when symmetry is on. An unknown state
   * is its field's highest value (7, or 15 for an airlock), which no machine's states reach.
   */
  save(out: Uint32Array, at: number, canonical: boolean): void {
    const w = this.world, mem = this.system.coordination.memory, door = this.door.state;
    out[at] = ((this.deck.state === undefined ? 7 : DECK.stateIndex[this.deck.state]) | (DECK_GOAL[this.deck.goal ?? ''] ?? 0) << 3
      | (door === undefined ? 7 : DOOR.stateIndex[door]) << 5 | w.bayDoor << 8 | (w.bayDoorSensorFault && door === 'faulted' ? 1 : 0) << 10
      | (this.env.state === undefined ? 7 : ENV.stateIndex[this.env.state]) << 11 | w.bay << 14
      | (DOOR_CODE[mem.evidence.bayDoor ?? ''] ?? 0) << 16 | (ENV_CODE[mem.evidence.bayEnvironment ?? ''] ?? 0) << 19
      | (DECK_GOAL[mem.claimed ?? ''] ?? 0) << 22 | w.faults << 24 | this.extraCode() << 27
      | (w.doorAwaitsRequest ? 1 : 0) << 28 | (w.environmentAwaitsRequest ? 1 : 0) << 29 | (w.booting ? 1 : 0) << 30
      | (w.breach ? 1 : 0) << 31) >>> 0;
    const code = this.code;
    for (let i = 0; i < this.locks.length; i++) {
      const a = w.airlocks[i], m = this.locks[i], l = this.letters[i], state = m.state;
      code[i] = (state === undefined ? 15 : LOCK.stateIndex[state]) | (AIRLOCK_GOAL[m.goal ?? ''] ?? 0) << 4
        | (mem.recalled[l] ? 1 : 0) << 6 | (mem.heldBack[l] ? 1 : 0) << 7
        | a.chamber << 8 | a.outer << 10 | a.inner << 12 | (a.sensorFault && state === 'faulted' ? 1 : 0) << 14
        | (a.awaitsRequest ? 1 : 0) << 15;
    }
    if (canonical && this.options.symmetry) sortSmall(code);
    out[at + 1] = ((code[0] ?? 0) | (code[1] ?? 0) << 16) >>> 0;
    out[at + 2] = ((code[2] ?? 0) | (code[3] ?? 0) << 16) >>> 0;
  }

  /**
   * Loads a saved state into the machines (placed without hooks, as `LaunchBaySystem.restore` does), the
   * coordination's memory and the world: one reused system, no allocation.
   */
  load(words: Uint32Array, at: number): void {
    const s = words[at], w = this.world, mem = this.system.coordination.memory;
    this.deck.restore(DECK.states[s & 7], DECK.goals[((s >> 3) & 3) - 1]);
    this.door.restore(DOOR.states[(s >> 5) & 7], undefined);
    this.env.restore(ENV.states[(s >> 11) & 7], undefined);
    w.bayDoor = (s >> 8) & 3; w.bayDoorSensorFault = ((s >> 10) & 1) === 1; w.bay = (s >> 14) & 3; w.faults = (s >> 24) & 7; w.breach = s >>> 31 === 1;
    w.doorAwaitsRequest = ((s >> 28) & 1) === 1; w.environmentAwaitsRequest = ((s >> 29) & 1) === 1; w.booting = ((s >> 30) & 1) === 1;
    mem.evidence.bayDoor = DOOR.states[((s >> 16) & 7) - 1];
    mem.evidence.bayEnvironment = ENV.states[((s >> 19) & 7) - 1];
    mem.claimed = DECK.goals[((s >> 22) & 3) - 1];
    if (this.extras.length) Object.assign(mem, JSON.parse(this.extras[(s >>> 27) & 1]));
    for (let i = 0; i < this.locks.length; i++) {
      const c = (words[at + 1 + (i >> 1)] >>> ((i & 1) * 16)) & 0xffff, a = w.airlocks[i], l = this.letters[i];
      this.locks[i].restore(LOCK.states[c & 15], LOCK.goals[((c >> 4) & 3) - 1]);
      mem.recalled[l] = ((c >> 6) & 1) === 1; mem.heldBack[l] = ((c >> 7) & 1) === 1;
      a.chamber = (c >> 8) & 3; a.outer = (c >> 10) & 3; a.inner = (c >> 12) & 3; a.sensorFault = ((c >> 14) & 1) === 1; a.awaitsRequest = c >>> 15 === 1;
    }
    this.impossible.length = 0;
  }

  /** The code of airlock i's part of the state (equal codes: interchangeable airlocks). */
  airlockCode(words: Uint32Array, at: number, i: number): number { return (words[at + 1 + (i >> 1)] >>> ((i & 1) * 16)) & 0xffff; }

  // Memory fields this checker does not know, interned as JSON so the state stays three words (one bit: two values).
  private extraCode(): number {
    const mem = this.system.coordination.memory as unknown as { [k: string]: unknown };
    let fields = 0;
    for (const _ in mem) fields++;
    if (this.extras.length === 0 && fields === KNOWN_MEMORY.length) return 0;
    const json = JSON.stringify(Object.fromEntries(Object.keys(mem).filter((k) => !KNOWN_MEMORY.includes(k)).map((k) => [k, mem[k]])));
    let code = this.extraIndex.get(json);
    if (code === undefined) {
      code = this.extras.length;
      if (code > 1) throw new Error('verify: the coordination memory holds more new values than the state key can carry; teach sim/verify/model.ts its new fields');
      this.extras.push(json); this.extraIndex.set(json, code);
    }
    return code;
  }
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

const isPerAirlock = (x: unknown) => !!x && typeof x === 'object' && airlockLetters.some((l) => l in (x as object));
