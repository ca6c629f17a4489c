// The controller: the board's parts (stations) around the launch bay's logic (machines and coordination on one
// run-to-completion dispatcher). Inputs become events, states become outputs through the interlock, deadlines
// and sensor faults become fault states, and everything that happens is reported.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Board, OutputWiring } from '../board/types';
import { bayHostileIn } from '../coordination';
import type { Machine, PostHook, PreHook, Transition } from '../core';
import { createSystem, type LaunchBaySystem, type RemoteView, type SystemOptions, type SystemSnapshot } from '../system';
import { Beeper, Klaxon, WarningLights } from '../../hal/drivers';
import { beginNoting, closeNoted, keepNoted } from '../../hal/drivers/opened';
import type { Clock, Device, TimerId } from '../../hal/types';
import { Airlock, type AirlockStation } from './airlock-station';
import { BayDoor, type BayDoorStation } from './bay-door-station';
import { BayEnvironment, type BayEnvironmentStation } from './bay-environment-station';
import type { Station, StationContext } from './context';
import { DeadlineWatch } from './deadlines';
import { createDeckStation } from './deck-station';
import { BAY_KPA, BAY_KPA_STILL, type InterlockFacts } from './interlock';
import type { ControllerReport, Reporter } from './report';
import { claimsWarm, defaultThresholds, type Thresholds } from '../thresholds';
import { MOVING_MS } from './sensor-watch';

export interface ControllerOptions {
  board: Board;
  device: Device;
  clock: Clock;
  thresholds?: Partial<Thresholds>;
  /** Extra pre and post hooks per machine (tests, instrumentation); the coordination's are built in. */
  hooks?: { [id in MachineId]?: { pre?: PreHook[]; post?: PostHook[] } };
  /**
   * Start states, trusted as given (scenarios start settled). Without them the controller reconstructs every
   * machine from its sensors once they have all read, and moves nothing until then.
   */
  initial?: { [id in MachineId]?: { state: string; goal?: string } };
  /** The longest it waits for every sensor before starting with what it knows (unknown parts start faulted). */
  bootTimeoutMs?: number;
  /** The machines on other nodes, and the facts they report (`bay kPa`): multi-node only. */
  remote?: RemoteView & {
    fact(name: string): number;
    /** A fact sent with how long it had stood still (`still` names that fact), while it has moved within `withinMs`. */
    factMoving(name: string, still: string, withinMs: number): number;
  };
  /** Also wait for this before reconstructing (a node waits for fresh reports from the others). */
  ready?(): boolean;
  onReport?: Reporter;
}

export interface Controller {
  readonly board: Board;
  readonly system: LaunchBaySystem;
  readonly machines: { readonly [id in MachineId]?: Machine };
  readonly indicators: { beeper?: Beeper; klaxon?: Klaxon; warningLights?: WarningLights };
  /** What the interlock reads: the bay's pressure and environment, chambers, door limits. */
  readonly facts: InterlockFacts;
  /** False until the machines know where they are (sensors read, states reconstructed). */
  readonly started: boolean;
  /** Sends an event to a hosted machine through the shared dispatcher. */
  send(id: MachineId, event: string): void;
  /** Runs one scan now (it also runs every `scanMs` on the clock). */
  scan(): void;
  snapshot(): SystemSnapshot;
  /** Stops the scan and releases every pin, outputs off: what a power loss does. */
  stop(): void;
}

/** A door driven open leaves its closed limit within a scan or two: a peer's reading must outlast that (bayKpaToStart). */
const START_MARGIN_MS = 250;

const FAULT_ORDER: MachineId[] = ['bay door', 'bay environment', 'battle deck'];

/** The board's indicators, each when it is wired. (Its own function: startController's frame, live on the stack
 *  through the whole boot, holds one slot per local.) */
function indicatorsOf(board: Board, device: Device, clock: Clock): Controller['indicators'] {
  const beeper = board.signals.beeper as OutputWiring | undefined, klaxon = board.signals.klaxon as OutputWiring | undefined;
  const lights = board.signals['warning lights'] as OutputWiring | undefined;
  return {
    beeper: beeper && new Beeper({ device, clock, wiring: beeper }),
    klaxon: klaxon && new Klaxon({ device, wiring: klaxon }),
    warningLights: lights && new WarningLights({ device, wiring: lights }),
  };
}

/**
 * The controller's working state and what it does, as methods made once, when the module is (preloaded, in flash):
 * a closure made at run time by a preloaded module copies its bytecode into XS's chunk heap, so the callbacks
 * startController hands out are one-line closures around these (docs/BENCHMARKS.md, "What a board keeps alive").
 */
class Core {
  readonly board: Board;
  readonly clock: Clock;
  readonly limits: Thresholds;
  readonly report: Reporter;
  /** Opened by startController, under its guard (an empty set until then). */
  indicators: Controller['indicators'] = {};
  readonly stations: Station[] = [];
  readonly airlocks: { [id: string]: AirlockStation } = {};
  readonly deadlines: { [id: string]: DeadlineWatch } = {};
  bayDoor: BayDoorStation | undefined;
  environment: BayEnvironmentStation | undefined;
  system: LaunchBaySystem | undefined;
  started = false;
  deckAlarm = false;
  readonly bootBy: number;

  constructor(readonly options: ControllerOptions) {
    const { board, clock } = options;
    this.board = board; this.clock = clock;
    this.limits = { ...defaultThresholds, ...options.thresholds };
    this.report = options.onReport ?? (() => {});
    this.bootBy = clock.now() + (options.bootTimeoutMs ?? 2000);
  }

  machineOf(id: MachineId): Machine | undefined { return this.system?.machines[id as keyof LaunchBaySystem['machines']]; }
  stateOf(id: MachineId): string | undefined { return this.machineOf(id)?.state ?? this.options.remote?.state(id); }
  stationOf(id: MachineId): Station { return this.stations.find((s) => s.id === id)!; }

  bayKpa(): number {
    const { environment, options } = this;
    return environment ? environment.pressure.read() : options.remote ? options.remote.fact(BAY_KPA) : NaN;
  }
  chamberKpa(airlock: string): number { return this.airlocks[airlock] ? this.airlocks[airlock].chamberKpa() : NaN; }
  // What opens a door (the interlock) and what the bay node tells the others: readings that have moved lately.
  // A peer's reading is the bay node's, which it reports only while it moves, with how long it has stood still: here
  // it counts as moving while that and the report's age come to no more than `peerWithinMs` (the same second, unless
  // a start asks for a margin); the bay's own board reads its sensor, whose noise moves it every few samples.
  bayKpaMoving(peerWithinMs = MOVING_MS): number {
    const { environment, options } = this;
    return environment ? environment.pressure.readMoving(MOVING_MS) : options.remote ? options.remote.factMoving(BAY_KPA, BAY_KPA_STILL, peerWithinMs) : NaN;
  }
  // What the rules start a door on (CoordinationView.doorKpa). A peer's reading lapses a second after it last moved,
  // between two reports: the rules take it only with START_MARGIN_MS of that second left, so that the interlock, which
  // asks for it every scan until the door is off its closed limit, does not stop a door the rules just started.
  bayKpaToStart(): number { return this.bayKpaMoving(MOVING_MS - START_MARGIN_MS); }
  bayKpaStillMs(): number { return this.environment ? this.environment.pressure.stillMs() : NaN; }
  chamberKpaMoving(airlock: string): number { return this.airlocks[airlock] ? this.airlocks[airlock].chamberKpaMoving() : NaN; }
  // A door this board cannot see is not known to be closed.
  doorClosed(door: string): boolean {
    if (door === 'bay door') return this.bayDoor ? this.bayDoor.door.actuator.isClosed : false;
    const station = this.airlocks[door.slice(0, 'airlock X'.length)];
    return station ? station.doorClosed(door) : false;
  }

  sensorFault(id: MachineId, reason: string): void {
    this.report({ t: this.clock.now(), kind: 'fault', machine: id, detail: `sensor fault: ${reason}` });
    if (this.started) this.machineOf(id)?.handle('sensor fault');
  }

  deadlineMissed(id: MachineId, part: string, ms: number): void {
    this.report({ t: this.clock.now(), kind: 'fault', machine: id, detail: `deadline missed: ${part} did not finish ${this.machineOf(id)!.state} within ${ms / 1000} s` });
    this.machineOf(id)!.handle('deadline missed');
  }

  // The klaxon sounds while the deck readies or activates and while the bay leaks; the warning lights also show
  // a faulted machine.
  showAlarm(): void {
    const faulted = this.stations.some((s) => this.machineOf(s.id)?.state === 'faulted'), leaking = this.environment?.leaking ?? false;
    this.indicators.klaxon?.set(this.deckAlarm || leaking);
    this.indicators.warningLights?.set(this.deckAlarm || leaking || faulted);
  }

  alarm(on: boolean): void { this.deckAlarm = on; this.showAlarm(); }

  reportAs(kind: ControllerReport['kind'], id: MachineId, m: Machine, state: string | undefined, event: string, to?: string, reason?: string): void {
    this.report({ t: this.clock.now(), kind, machine: id, from: state ?? 'unknown', to: to ?? state ?? 'unknown', event, goal: m.goal, ...(reason !== undefined ? { reason } : {}) });
  }

  // Nothing moves before the machines know where they are; a reset waits for its fault to clear.
  guard(station: Station, t: Transition): boolean | string {
    if (!this.started) return 'the controller is still reading its sensors: nothing moves until every state is known';
    const standing = t.event === 'reset' ? station.faults.standing : undefined;
    return standing === undefined ? true : `reset refused: the fault still stands (${standing})`;
  }

  post(id: MachineId, station: Station, t: Transition): void {
    this.report({ t: this.clock.now(), kind: 'transition', machine: id, from: t.from, to: t.to, event: t.event, goal: t.goalAfter });
    this.deadlines[id].enter(t.to);
    station.applyOutputs(t.to, t.event);
    if (t.to === 'faulted' || t.from === 'faulted') { this.showAlarm(); if (t.to === 'faulted') this.indicators.beeper?.beep(); }
  }

  extra(id: MachineId): ReturnType<NonNullable<SystemOptions['extra']>> {
    const station = this.stationOf(id), hooks = this.options.hooks?.[id];
    const reportAs = (kind: ControllerReport['kind']) => (m: Machine, state: string | undefined, event: string, to?: string, reason?: string) =>
      this.reportAs(kind, id, m, state, event, to, reason);
    const guard: PreHook = (t) => this.guard(station, t);
    const post: PostHook = (t) => this.post(id, station, t);
    return {
      pre: [guard, ...(hooks?.pre ?? [])],
      post: [post, ...(hooks?.post ?? [])],
      onBeep: [reportAs('beep'), () => this.indicators.beeper?.beep()],
      onVeto: reportAs('veto'),
      // A controller never crashes on a glitching switch: the impossible event is a fault, and the state stays.
      onImpossible: reportAs('impossible'),
    };
  }

  start(): void {
    const { board, stations, system, clock } = this;
    if (!this.options.initial) {
      // Door E and the environment first: the deck and the airlocks are read from them.
      const order = [...FAULT_ORDER.filter((id) => board.hosts.includes(id)), ...stations.map((s) => s.id).filter((id) => !FAULT_ORDER.includes(id))];
      for (const id of order) {
        const r = this.stationOf(id).restart();
        this.machineOf(id)!.restore(r.state, r.goal);
        this.report({ t: clock.now(), kind: 'transition', machine: id, from: 'power off', to: r.state, event: 'reconstructed from sensors', goal: r.goal });
      }
      system!.reobserve();
    }
    this.started = true;
    for (const s of stations) {
      const state = this.machineOf(s.id)!.state!;
      this.deadlines[s.id].enter(state);
      s.applyOutputs(state);
    }
    this.showAlarm();
  }

  scan(): void {
    const { stations, options } = this;
    for (let i = 0; i < stations.length; i++) stations[i].faults.sample();
    if (!this.started) {
      const known = stations.every((s) => s.faults.known) && (options.ready?.() ?? true);
      if (options.initial || known || this.clock.now() >= this.bootBy) this.start();
      return;
    }
    for (let i = 0; i < stations.length; i++) stations[i].scan();
    this.system!.coordination.watch();
  }

  send(id: MachineId, event: string): void {
    if (!this.machineOf(id)) throw new Error(`${this.board.name}: this board does not host ${id}`);
    this.system!.send(id, event);
  }

  stop(timer: TimerId): void {
    this.clock.clear(timer);
    for (const d of Object.values(this.deadlines)) d.cancel();
    for (const s of this.stations) s.close();
    const { beeper, klaxon, warningLights } = this.indicators;
    beeper?.close(); klaxon?.close(); warningLights?.close();
  }
}

export function startController(options: ControllerOptions): Controller {
  const { board, device, clock } = options;
  const c = new Core(options);
  const { limits, airlocks } = c;
  const facts: InterlockFacts = {
    bayEnvironment: () => c.stateOf('bay environment'),
    bayHostile: () => bayHostileIn(c.stateOf('bay environment')),
    bayKpa: () => c.bayKpa(),
    chamberKpa: (airlock) => c.chamberKpa(airlock),
    bayKpaMoving: () => c.bayKpaMoving(),
    bayKpaStillMs: () => c.bayKpaStillMs(),
    chamberKpaMoving: (airlock) => c.chamberKpaMoving(airlock),
    doorClosed: (door) => c.doorClosed(door),
  };
  const scan = () => c.scan();
  let system!: LaunchBaySystem, timer: TimerId | undefined;
  // A start that fails part way lets go of every part it opened, outputs off, and leaves no timer running: tried
  // again, it finds every pin free, and nothing fires into a controller that was never finished. (The body stays in
  // this frame, not a function of its own: one frame more would sit under the deepest step of a node's boot.)
  const outer = beginNoting();
  try {
    c.indicators = indicatorsOf(board, device, clock);
    const ctx: StationContext = {
      board, device, clock, limits, report: c.report, facts,
      coordination: () => c.system!.coordination,
      alarmChanged: () => c.showAlarm(),
      machine: (id) => c.machineOf(id)!,
      stateOf: (id) => c.stateOf(id),
      sensorFault: (id, reason) => c.sensorFault(id, reason),
    };

    // The stations' constructors called here, not through their create functions: one frame less under the deepest
    // step of a node's boot (a door motor's first write, a UART sensor's opening).
    for (const id of board.hosts) {
      let station: Station;
      if (id === 'bay door') station = c.bayDoor = new BayDoor(ctx);
      else if (id === 'bay environment') station = c.environment = new BayEnvironment(ctx);
      else if (id === 'battle deck') station = createDeckStation(ctx);
      else station = airlocks[id] = new Airlock(ctx, id.slice('airlock '.length) as AirlockLetter);
      c.stations.push(station);
    }
    for (const s of c.stations) c.deadlines[s.id] = new DeadlineWatch(s.id, board, clock, (part, ms) => c.deadlineMissed(s.id, part, ms));

    // Chambers by letter, made once: the machines' sensors read them on every step toward a goal.
    const chamberIds: { [letter: string]: string } = {};
    for (const id of board.hosts) if (id.startsWith('airlock ')) chamberIds[id.slice('airlock '.length)] = id;
    const chamberOf = (letter: string) => chamberIds[letter] ?? `airlock ${letter}`;
    system = c.system = createSystem({
      hosts: board.hosts,
      initial: options.initial,
      remote: options.remote,
      limits,
      kPa: (place) => (place === 'bay' ? c.bayKpa() : c.chamberKpa(chamberOf(place))),
      doorKpa: (place) => (place === 'bay' ? c.bayKpaToStart() : c.chamberKpaMoving(chamberOf(place))),
      outerDoorClosed: (letter) => airlocks[`airlock ${letter}`].doorClosed(`airlock ${letter} outer door`),
      bayDoorClosed: () => c.doorClosed('bay door'),
      bayWarm: () => (c.environment ? claimsWarm(c.environment.temperature.read(), limits) : false),
      alarm: (on) => c.alarm(on),
      extra: (id) => c.extra(id),
    });

    // No state is assumed: until the sensors have been read, every hosted machine reads as unknown.
    if (!options.initial) for (const id of board.hosts) c.machineOf(id)!.restore(undefined, undefined);
    timer = clock.set(scan, limits.scanMs, limits.scanMs);
    if (options.initial) c.start();
  } catch (e) {
    if (timer !== undefined) clock.clear(timer);
    for (const id in c.deadlines) c.deadlines[id].cancel();
    closeNoted(outer);
    throw e;
  }
  keepNoted(outer);

  return {
    board, system, machines: system.machines, indicators: c.indicators, facts,
    get started() { return c.started; },
    send: (id, event) => c.send(id, event),
    scan,
    snapshot: () => system.snapshot(),
    stop: () => c.stop(timer),
  };
}
