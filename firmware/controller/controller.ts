// The controller: the board's parts (stations) around the launch bay's logic (machines and coordination on one
// run-to-completion dispatcher). Inputs become events, states become outputs through the interlock,
// and everything that happens is reported.
import type { Board, OutputWiring } from '../board/types';
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Machine, PostHook, PreHook } from '../core';
import { createSystem, type LaunchBaySystem, type SystemSnapshot } from '../system';
import { Beeper, Klaxon, WarningLights } from '../../hal/drivers';
import type { Clock, Device } from '../../hal/types';
import { createAirlockStation, type AirlockStation } from './airlock-station';
import { createBayDoorStation, type BayDoorStation } from './bay-door-station';
import { createBayEnvironmentStation, type BayEnvironmentStation } from './bay-environment-station';
import type { Station, StationContext } from './context';
import { createDeckStation } from './deck-station';
import type { InterlockFacts } from './interlock';
import type { ControllerReport, Reporter } from './report';
import { defaultThresholds, type Thresholds } from './thresholds';

export interface ControllerOptions {
  board: Board;
  device: Device;
  clock: Clock;
  thresholds?: Partial<Thresholds>;
  /** Extra pre and post hooks per machine (tests, instrumentation); the coordination's are built in. */
  hooks?: { [id in MachineId]?: { pre?: PreHook[]; post?: PostHook[] } };
  /** Start states (default: each machine's initial state). */
  initial?: { [id in MachineId]?: { state: string; goal?: string } };
  onReport?: Reporter;
}

export interface Controller {
  readonly board: Board;
  readonly system: LaunchBaySystem;
  readonly machines: { readonly [id in MachineId]?: Machine };
  readonly indicators: { beeper?: Beeper; klaxon?: Klaxon; warningLights?: WarningLights };
  /** Sends an event to a hosted machine through the shared dispatcher. */
  send(id: MachineId, event: string): void;
  /** Runs one scan now (it also runs every `scanMs` on the clock). */
  scan(): void;
  snapshot(): SystemSnapshot;
  stop(): void;
}

export function startController(options: ControllerOptions): Controller {
  const { board, device, clock } = options;
  const limits: Thresholds = { ...defaultThresholds, ...options.thresholds };
  const report: Reporter = options.onReport ?? (() => {});
  const output = (signal: string) => board.signals[signal] as OutputWiring | undefined;
  const wiring = { beeper: output('beeper'), klaxon: output('klaxon'), lights: output('warning lights') };
  const indicators = {
    beeper: wiring.beeper && new Beeper({ device, clock, wiring: wiring.beeper }),
    klaxon: wiring.klaxon && new Klaxon({ device, wiring: wiring.klaxon }),
    warningLights: wiring.lights && new WarningLights({ device, wiring: wiring.lights }),
  };
  const stations: Station[] = [];
  const airlocks: { [id: string]: AirlockStation } = {};
  let bayDoor: BayDoorStation | undefined, environment: BayEnvironmentStation | undefined;
  let system: LaunchBaySystem | undefined;

  const facts: InterlockFacts = {
    bayEnvironment: () => system?.machines['bay environment']?.state,
    bayKpa: () => (environment ? environment.pressure.read() : NaN),
    chamberKpa: (airlock) => (airlocks[airlock] ? airlocks[airlock].chamberKpa() : NaN),
    // A door this board cannot see is not known to be closed.
    doorClosed: (door) => {
      if (door === 'bay door') return bayDoor ? bayDoor.door.actuator.isClosed : false;
      const station = airlocks[door.slice(0, 'airlock X'.length)];
      return station ? station.doorClosed(door) : false;
    },
  };
  const ctx: StationContext = { board, device, clock, limits, report, facts, machine: (id) => system!.machines[id as keyof LaunchBaySystem['machines']]! };

  for (const id of board.hosts) {
    let station: Station;
    if (id === 'bay door') station = bayDoor = createBayDoorStation(ctx);
    else if (id === 'bay environment') station = environment = createBayEnvironmentStation(ctx);
    else if (id === 'battle deck') station = createDeckStation(ctx);
    else station = airlocks[id] = createAirlockStation(ctx, id.slice('airlock '.length) as AirlockLetter);
    stations.push(station);
  }
  const stationOf = (id: MachineId) => stations.find((s) => s.id === id)!;

  system = createSystem({
    hosts: board.hosts,
    initial: options.initial,
    chamberPressurized: (letter) => airlocks[`airlock ${letter}`].chamberPressurized(),
    alarm: (on) => { indicators.klaxon?.set(on); indicators.warningLights?.set(on); },
    extra: (id) => {
      const apply = stationOf(id).applyOutputs;
      const reportAs = (kind: ControllerReport['kind']) => (m: Machine, state: string, event: string) =>
        report({ t: clock.now(), kind, machine: id, from: state, to: state, event, goal: m.goal });
      const post: PostHook = (t) => {
        report({ t: clock.now(), kind: 'transition', machine: id, from: t.from, to: t.to, event: t.event, goal: t.goalAfter });
        apply(t.to);
      };
      return {
        pre: options.hooks?.[id]?.pre,
        post: [post, ...(options.hooks?.[id]?.post ?? [])],
        onBeep: [reportAs('beep'), () => indicators.beeper?.beep()],
        onVeto: reportAs('veto'),
        // A controller never crashes on a glitching switch: the impossible event is a fault, and the state stays.
        onImpossible: reportAs('impossible'),
      };
    },
  });
  for (const s of stations) s.applyOutputs(system.machines[s.id as keyof LaunchBaySystem['machines']]!.state);

  const scan = () => { for (let i = 0; i < stations.length; i++) stations[i].scan(); };
  const timer = clock.set(scan, limits.scanMs, limits.scanMs);

  return {
    board, system, machines: system.machines, indicators,
    send(id, event) {
      if (!system!.machines[id as keyof LaunchBaySystem['machines']]) throw new Error(`${board.name}: this board does not host ${id}`);
      system!.send(id, event);
    },
    scan,
    snapshot: () => system!.snapshot(),
    stop() { clock.clear(timer); for (const s of stations) s.close(); },
  };
}
