// A simulated launch bay: physics, virtual clock, the simulator's ECMA-419 provider, and the real controller on it.
import { hostedAirlocks, type AirlockLetter, type MachineId } from '../firmware/board/signals';
import type { Board } from '../firmware/board/types';
import type { Clock } from '../hal/types';
import { startController, type Controller, type ControllerOptions, type ControllerReport, type Thresholds } from '../firmware/controller';
import { createSimulatorDevice, type SimulatorDevice } from './provider';
import { VirtualClock } from './clock';
import { InvariantMonitor } from './invariants';
import { LaunchBayModel, type LaunchBayOptions } from './physics';

export type DeckStart = 'relaxed' | 'ready' | 'active';

export interface SimWorldOptions {
  board: Board;
  seed?: number;
  /** The deck state the bay starts settled in (default relaxed). */
  start?: DeckStart;
  /** Airlocks whose chamber starts empty, at rest in `closed depressurized`. */
  emptyChambers?: readonly AirlockLetter[];
  /** Physics step, ms (default 50). */
  stepMs?: number;
  physics?: LaunchBayOptions;
  thresholds?: Partial<Thresholds>;
  onReport?(report: ControllerReport): void;
}

export interface SimWorld {
  readonly clock: VirtualClock;
  readonly model: LaunchBayModel;
  /** The controller now running (a new one after each reboot). */
  readonly controller: Controller;
  readonly invariants: InvariantMonitor;
  /** False while the power is off. */
  readonly powered: boolean;
  /** Cuts the power for `downMs` (outputs off, state lost), then boots afresh from the sensors; a cluster may name one node. */
  reboot(downMs: number, node?: string): void;
  /** Presses a button for `ms` (default 200), as a finger would. */
  press(signal: string, ms?: number): void;
  /** A deck request from the bridge (it reaches no one while the deck's board is off, as on the ship). */
  request(deck: DeckStart): void;
  /** An operator's reset of a faulted machine (nothing happens while the power is off, as on the ship). */
  reset(machine: MachineId): void;
  /** Runs the world for `ms` of virtual time. */
  advance(ms: number): void;
  stop(): void;
}

// A settled bay for each deck state: physics and machines agree from the first instant.
const settled: { [S in DeckStart]: { physics: LaunchBayOptions; initial: NonNullable<Parameters<typeof startController>[0]['initial']> } } = {
  relaxed: { physics: {}, initial: {} },
  ready: {
    physics: { bay: { kPa: 0, tempC: -40 } },
    initial: { 'battle deck': { state: 'ready', goal: 'ready' }, 'bay environment': { state: 'hostile' } },
  },
  active: {
    physics: { bay: { kPa: 0, tempC: -40 }, bayDoor: { position: 1 } },
    initial: { 'battle deck': { state: 'active', goal: 'active' }, 'bay environment': { state: 'hostile' }, 'bay door': { state: 'open' } },
  },
};

/** The physics and the machines' start states that agree with each other for these options. */
export function startingPoint(o: Pick<SimWorldOptions, 'start' | 'emptyChambers' | 'seed' | 'physics'> & { boards?: readonly Board[] }) {
  const start = settled[o.start ?? 'relaxed'];
  const empty = o.emptyChambers ?? [];
  const airlocks = Object.fromEntries(empty.map((l) => [l, { chamberKpa: 0 }]));
  const initial: typeof start.initial = { ...start.initial, ...Object.fromEntries(empty.map((l) => [`airlock ${l}`, { state: 'closed depressurized' }])) };
  // The airlocks that exist are those the boards host: the physics steps only them.
  const letters = o.boards ? hostedAirlocks(o.boards) : undefined;
  return { initial, model: new LaunchBayModel({ seed: o.seed, ...start.physics, airlocks, letters, ...o.physics }) };
}

/** Whether the bay has a button of this name: its own names only (`toString` is on every object's prototype). */
export const hasButton = (model: LaunchBayModel, signal: string): boolean => Object.hasOwn(model.buttons, signal);

/** Presses a button for `ms`, as a finger would. */
export function pressButton(model: LaunchBayModel, clock: Pick<Clock, 'set'>, signal: string, ms: number): void {
  if (!hasButton(model, signal)) throw new Error(`simulator: no button named ${JSON.stringify(signal)}`);
  model.buttons[signal] = true;
  clock.set(() => { model.buttons[signal] = false; }, ms);
}

export function createSimWorld(o: SimWorldOptions): SimWorld {
  const clock = new VirtualClock();
  const { initial, model } = startingPoint({ ...o, boards: [o.board] });
  const stepMs = o.stepMs ?? 50;
  let device: SimulatorDevice | undefined, controller: Controller | undefined;
  // A fresh provider and controller, as after power-up: without `initial` it reconstructs from the sensors.
  const onReport = (r: ControllerReport) => { invariants.report(r); o.onReport?.(r); };
  const boot = (initial?: ControllerOptions['initial']) => {
    device = createSimulatorDevice({ board: o.board, model, clock });
    controller = startController({ board: o.board, device, clock, initial, thresholds: o.thresholds, onReport });
  };
  const invariants = new InvariantMonitor(model, () => controller, () => clock.now());
  boot(initial);
  const physics = clock.set(() => { model.step(stepMs); device?.scan(); invariants.check(); }, stepMs, stepMs);

  return {
    clock, model, invariants,
    get controller() {
      if (!controller) throw new Error('simulator: the controller is powered off');
      return controller;
    },
    get powered() { return controller !== undefined; },
    press: (signal, ms = 200) => { invariants.pressed(signal); pressButton(model, clock, signal, ms); },
    request(deck) {
      if (!controller) return;
      invariants.requested();
      controller.send('battle deck', `${deck} requested`);
    },
    reset(machine) {
      const m = controller?.machines[machine];
      if (!m) return;
      const wasFaulted = m.state === 'faulted';
      controller!.send(machine, 'reset');
      if (wasFaulted && m.state !== 'faulted') invariants.reset(machine);
    },
    advance: (ms) => clock.advance(ms),
    reboot(downMs) {
      if (!controller) return;
      controller.stop();
      controller = undefined; device = undefined;
      invariants.powerLost(o.board.hosts);
      o.onReport?.({ t: clock.now(), kind: 'fault', machine: o.board.name, detail: `power lost for ${downMs / 1000} s` });
      clock.set(() => boot(), Math.max(downMs, 1));
    },
    stop() { clock.clear(physics); controller?.stop(); },
  };
}
