// The launch bay as logic: the hosted machines on one dispatcher with the coordination's hooks, and nothing
// else. The controller adds hardware around it; tests and the model checker use it bare.
import type { AirlockLetter, MachineId } from './board/signals';
import { createDispatcher, createMachine, type Dispatcher, type Machine, type MachineOptions, type PostHook, type PreHook } from './core';
import { bayHostileIn, copyMemory, createCoordination, type Coordination, type CoordinationMemory, type CoordinationView } from './coordination';
import { airlock, bayDoor, bayEnvironment, battleDeck } from './machines';
import { claimsFull, defaultThresholds, holdsEmpty, holdsFull, type Thresholds } from './thresholds';

/** Extra options for one machine: hooks that act on hardware, and listeners that report. */
type ExtraOptions = Pick<MachineOptions, 'onBeep' | 'onVeto' | 'onImpossible'> & { pre?: readonly PreHook[]; post?: readonly PostHook[] };

/** The machines on other nodes, as this node knows them: fresh replicas, and commands over the bus. */
export interface RemoteView {
  state(id: MachineId): string | undefined;
  goal(id: MachineId): string | undefined;
  send(id: MachineId, event: string): void;
  recall(airlock: AirlockLetter): void;
}

export interface SystemOptions {
  hosts: readonly MachineId[];
  /**
   * A pressure reading in kPa (NaN when unknown): `bay`, or an airlock's chamber by letter. The machines' sensors
   * (chamber pressurized or empty, bay full or empty) and the rules that move doors all read it, through `limits`.
   */
  kPa(place: 'bay' | AirlockLetter): number;
  /** The reading a door's start is judged by (CoordinationView.doorKpa); default: `kPa`. */
  doorKpa?(place: 'bay' | AirlockLetter): number;
  /** Whether an airlock's outer door is at its closed limit (read to recover from a fault). */
  outerDoorClosed(letter: AirlockLetter): boolean;
  /** Whether door E is at its closed limit, and the bay warm: read when the environment is reset. */
  bayDoorClosed(): boolean;
  bayWarm(): boolean;
  /** Default: firmware/thresholds.ts. */
  limits?: Thresholds;
  /** Per machine: hardware hooks (run before the coordination's post hooks) and listeners. */
  extra?(id: MachineId): ExtraOptions;
  initial?: { [id in MachineId]?: { state: string; goal?: string } };
  memory?: CoordinationMemory;
  /** Klaxon and warning lights. */
  alarm?(on: boolean): void;
  dispatcher?: Dispatcher;
  /** The machines hosted elsewhere (multi-node); without it, they are simply unknown. */
  remote?: RemoteView;
  /** Replaces the coordination's hooks, e.g. to break a rule on purpose and watch a checker catch it. */
  rules?(hooks: Coordination['hooks']): Coordination['hooks'];
}

export interface SystemSnapshot {
  /** A state of undefined is not known (before the controller has read its sensors). */
  machines: { [id: string]: { state: string | undefined; goal: string | undefined } };
  memory: CoordinationMemory;
}

export interface LaunchBaySystem {
  readonly machines: { readonly [id in MachineId]?: Machine };
  readonly coordination: Coordination;
  readonly dispatcher: Dispatcher;
  send(id: MachineId, event: string): void;
  snapshot(): SystemSnapshot;
  restore(snapshot: SystemSnapshot): void;
  /** Refreshes the deck's evidence from door E's and the environment's states (after they were placed directly). */
  reobserve(): void;
}

const definitions = { 'battle deck': battleDeck, 'bay door': bayDoor, 'bay environment': bayEnvironment } as const;

export function createSystem(options: SystemOptions): LaunchBaySystem {
  const dispatcher = options.dispatcher ?? createDispatcher();
  const machines: { [id: string]: Machine } = {};
  const remote = options.remote, limits = options.limits ?? defaultThresholds, kPa = options.kPa;
  const view: CoordinationView = {
    hosted: (id) => machines[id] !== undefined,
    state: (id) => (machines[id] ? machines[id].state : remote?.state(id)),
    goal: (id) => (machines[id] ? machines[id].goal : remote?.goal(id)),
    kPa, doorKpa: options.doorKpa ?? kPa, limits,
    send: (id, event) => (machines[id] ? machines[id].handle(event) : remote?.send(id, event)),
    alarm: (on) => options.alarm?.(on),
    recall: (l) => (machines[`airlock ${l}`] ? coordination.recall(l) : remote?.recall(l)),
  };
  // Hooks for the hosted machines only, unless `rules` is given: it is handed all of them, to replace any.
  const coordination = createCoordination(view, options.memory, options.rules ? undefined : options.hosts);
  // Rule 4; a bay this system does not host is unknown, and unknown (or faulted) is treated as hostile.
  const bayHostile = () => bayHostileIn(view.state('bay environment'));
  const environmentSensors = {
    bayDoorClosed: () => options.bayDoorClosed(), bayWarm: () => options.bayWarm(),
    bayFull: () => claimsFull(kPa('bay'), limits), bayEmpty: () => holdsEmpty(kPa('bay'), limits),
  };

  for (const id of options.hosts) {
    const extra = options.extra?.(id) ?? {};
    const rules = (options.rules ? options.rules(coordination.hooks) : coordination.hooks)[id] ?? { pre: [], post: [] };
    const start = options.initial?.[id];
    const common = {
      ...extra, name: id, dispatcher, ...(start ? { state: start.state, goal: start.goal } : {}),
      pre: [...(extra.pre ?? []), ...rules.pre],
      post: [...(extra.post ?? []), ...rules.post],
    } as MachineOptions;
    const letter = id.startsWith('airlock ') ? (id.slice('airlock '.length) as AirlockLetter) : undefined;
    const machine = letter
      ? createMachine(airlock, { ...common, sensors: {
        bayHostile, chamberPressurized: () => holdsFull(kPa(letter), limits), chamberEmpty: () => holdsEmpty(kPa(letter), limits),
        outerDoorClosed: () => options.outerDoorClosed(letter),
      } } as never)
      : createMachine(definitions[id as keyof typeof definitions] as never, (id === 'bay environment' ? { ...common, sensors: environmentSensors } : common) as never);
    machines[id] = machine as unknown as Machine;
  }
  const reobserve = () => {
    if (machines['bay door']) coordination.memory.evidence.bayDoor = machines['bay door'].state;
    if (machines['bay environment']) coordination.memory.evidence.bayEnvironment = machines['bay environment'].state;
  };
  reobserve();

  return {
    machines, coordination, dispatcher, reobserve,
    send: (id, event) => {
      const m = machines[id];
      if (!m) throw new Error(`this system does not host ${id}`);
      m.handle(event);
    },
    snapshot: () => ({
      machines: Object.fromEntries(Object.entries(machines).map(([id, m]) => [id, { state: m.state, goal: m.goal }])),
      memory: copyMemory(coordination.memory),
    }),
    restore(snapshot) {
      for (const [id, s] of Object.entries(snapshot.machines)) machines[id]?.restore(s.state, s.goal);
      Object.assign(coordination.memory, copyMemory(snapshot.memory));
    },
  };
}

