// The controller: the board's parts (stations) around the launch bay's logic (machines and coordination on one
// run-to-completion dispatcher). Inputs become events, states become outputs through the interlock, deadlines
// and sensor faults become fault states, and everything that happens is reported.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Board, OutputWiring } from '../board/types';
import { bayHostileIn } from '../coordination';
import type { Machine, PostHook, PreHook } from '../core';
import { createSystem, type LaunchBaySystem, type RemoteView, type SystemSnapshot } from '../system';
import { Beeper, Klaxon, WarningLights } from '../../hal/drivers';
import type { Clock, Device } from '../../hal/types';
import { createAirlockStation, type AirlockStation } from './airlock-station';
import { createBayDoorStation, type BayDoorStation } from './bay-door-station';
import { createBayEnvironmentStation, type BayEnvironmentStation } from './bay-environment-station';
import type { Station, StationContext } from './context';
import { DeadlineWatch } from './deadlines';
import { createDeckStation } from './deck-station';
import type { InterlockFacts } from './interlock';
import type { ControllerReport, Reporter } from './report';
import { claimsWarm, defaultThresholds, type Thresholds } from '../thresholds';

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
  remote?: RemoteView & { fact(name: string): number };
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

export function startController(options: ControllerOptions): Controller {
  const { board, device, clock } = options;
  const limits: Thresholds = { ...defaultThresholds, ...options.thresholds };
  const report: Reporter = options.onReport ?? (() => {});
  const indicators = indicatorsOf(board, device, clock);
  const stations: Station[] = [];
  const airlocks: { [id: string]: AirlockStation } = {};
  let bayDoor: BayDoorStation | undefined, environment: BayEnvironmentStation | undefined;
  let system: LaunchBaySystem | undefined;
  let started = false, deckAlarm = false;
  const bootBy = clock.now() + (options.bootTimeoutMs ?? 2000);
  const machineOf = (id: MachineId) => system?.machines[id as keyof LaunchBaySystem['machines']];
  const stateOf = (id: MachineId) => machineOf(id)?.state ?? options.remote?.state(id);

  const facts: InterlockFacts = {
    bayEnvironment: () => stateOf('bay environment'),
    bayHostile: () => bayHostileIn(stateOf('bay environment')),
    bayKpa: () => (environment ? environment.pressure.read() : options.remote ? options.remote.fact('bay kPa') : NaN),
    chamberKpa: (airlock) => (airlocks[airlock] ? airlocks[airlock].chamberKpa() : NaN),
    // A door this board cannot see is not known to be closed.
    doorClosed: (door) => {
      if (door === 'bay door') return bayDoor ? bayDoor.door.actuator.isClosed : false;
      const station = airlocks[door.slice(0, 'airlock X'.length)];
      return station ? station.doorClosed(door) : false;
    },
  };
  const ctx: StationContext = {
    board, device, clock, limits, report, facts,
    coordination: () => system!.coordination,
    alarmChanged: () => showAlarm(),
    machine: (id) => machineOf(id)!,
    stateOf,
    sensorFault(id, reason) {
      report({ t: clock.now(), kind: 'fault', machine: id, detail: `sensor fault: ${reason}` });
      if (started) machineOf(id)?.handle('sensor fault');
    },
  };

  for (const id of board.hosts) {
    let station: Station;
    if (id === 'bay door') station = bayDoor = createBayDoorStation(ctx);
    else if (id === 'bay environment') station = environment = createBayEnvironmentStation(ctx);
    else if (id === 'battle deck') station = createDeckStation(ctx);
    else station = airlocks[id] = createAirlockStation(ctx, id.slice('airlock '.length) as AirlockLetter);
    stations.push(station);
  }
  const stationOf = (id: MachineId) => stations.find((s) => s.id === id)!;
  const deadlines: { [id: string]: DeadlineWatch } = {};
  for (const s of stations) {
    deadlines[s.id] = new DeadlineWatch(s.id, board, clock, (part, ms) => {
      report({ t: clock.now(), kind: 'fault', machine: s.id, detail: `deadline missed: ${part} did not finish ${machineOf(s.id)!.state} within ${ms / 1000} s` });
      machineOf(s.id)!.handle('deadline missed');
    });
  }

  // The klaxon sounds while the deck readies or activates and while the bay leaks; the warning lights also show
  // a faulted machine.
  const showAlarm = () => {
    const faulted = stations.some((s) => machineOf(s.id)?.state === 'faulted'), leaking = environment?.leaking ?? false;
    indicators.klaxon?.set(deckAlarm || leaking);
    indicators.warningLights?.set(deckAlarm || leaking || faulted);
  };

  // Chambers by letter, made once: the machines' sensors read them on every step toward a goal.
  const chamberIds: { [letter: string]: string } = {};
  for (const id of board.hosts) if (id.startsWith('airlock ')) chamberIds[id.slice('airlock '.length)] = id;
  system = createSystem({
    hosts: board.hosts,
    initial: options.initial,
    remote: options.remote,
    limits,
    kPa: (place) => (place === 'bay' ? facts.bayKpa() : facts.chamberKpa(chamberIds[place] ?? `airlock ${place}`)),
    outerDoorClosed: (letter) => airlocks[`airlock ${letter}`].doorClosed(`airlock ${letter} outer door`),
    bayDoorClosed: () => facts.doorClosed('bay door'),
    bayWarm: () => (environment ? claimsWarm(environment.temperature.read(), limits) : false),
    alarm: (on) => { deckAlarm = on; showAlarm(); },
    extra: (id) => {
      const station = stationOf(id);
      const reportAs = (kind: ControllerReport['kind']) => (m: Machine, state: string | undefined, event: string, to?: string, reason?: string) =>
        report({ t: clock.now(), kind, machine: id, from: state ?? 'unknown', to: to ?? state ?? 'unknown', event, goal: m.goal, ...(reason !== undefined ? { reason } : {}) });
      // Nothing moves before the machines know where they are; a reset waits for its fault to clear.
      const guard: PreHook = (t) => {
        if (!started) return 'the controller is still reading its sensors: nothing moves until every state is known';
        const standing = t.event === 'reset' ? station.faults.standing : undefined;
        return standing === undefined ? true : `reset refused: the fault still stands (${standing})`;
      };
      const post: PostHook = (t) => {
        report({ t: clock.now(), kind: 'transition', machine: id, from: t.from, to: t.to, event: t.event, goal: t.goalAfter });
        deadlines[id].enter(t.to);
        station.applyOutputs(t.to, t.event);
        if (t.to === 'faulted' || t.from === 'faulted') { showAlarm(); if (t.to === 'faulted') indicators.beeper?.beep(); }
      };
      return {
        pre: [guard, ...(options.hooks?.[id]?.pre ?? [])],
        post: [post, ...(options.hooks?.[id]?.post ?? [])],
        onBeep: [reportAs('beep'), () => indicators.beeper?.beep()],
        onVeto: reportAs('veto'),
        // A controller never crashes on a glitching switch: the impossible event is a fault, and the state stays.
        onImpossible: reportAs('impossible'),
      };
    },
  });

  function start(): void {
    if (!options.initial) {
      // Door E and the environment first: the deck and the airlocks are read from them.
      const order = [...FAULT_ORDER.filter((id) => board.hosts.includes(id)), ...stations.map((s) => s.id).filter((id) => !FAULT_ORDER.includes(id))];
      for (const id of order) {
        const r = stationOf(id).restart();
        machineOf(id)!.restore(r.state, r.goal);
        report({ t: clock.now(), kind: 'transition', machine: id, from: 'power off', to: r.state, event: 'reconstructed from sensors', goal: r.goal });
      }
      system!.reobserve();
    }
    started = true;
    for (const s of stations) {
      const state = machineOf(s.id)!.state!;
      deadlines[s.id].enter(state);
      s.applyOutputs(state);
    }
    showAlarm();
  }

  const scan = () => {
    for (let i = 0; i < stations.length; i++) stations[i].faults.sample();
    if (!started) {
      const known = stations.every((s) => s.faults.known) && (options.ready?.() ?? true);
      if (options.initial || known || clock.now() >= bootBy) start();
      return;
    }
    for (let i = 0; i < stations.length; i++) stations[i].scan();
    system!.coordination.watch();
  };
  // No state is assumed: until the sensors have been read, every hosted machine reads as unknown.
  if (!options.initial) for (const id of board.hosts) machineOf(id)!.restore(undefined, undefined);
  const timer = clock.set(scan, limits.scanMs, limits.scanMs);
  if (options.initial) start();

  return {
    board, system, machines: system.machines, indicators, facts,
    get started() { return started; },
    send(id, event) {
      if (!machineOf(id)) throw new Error(`${board.name}: this board does not host ${id}`);
      system!.send(id, event);
    },
    scan,
    snapshot: () => system!.snapshot(),
    stop() {
      clock.clear(timer);
      for (const d of Object.values(deadlines)) d.cancel();
      for (const s of stations) s.close();
      indicators.beeper?.close(); indicators.klaxon?.close(); indicators.warningLights?.close();
    },
  };
}
