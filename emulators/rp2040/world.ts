// The emulated Pico in the bay: the image on an emulated RP2040, its pins wired to the physics model, the physics
// stepped on the emulator's clock, and the machines' states known from the reports the image prints over USB.
import type { AirlockLetter, MachineId } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import type { Controller, ControllerReport } from '../../firmware/controller';
import type { Clock } from '../../hal/types';
import type { LogLevel } from 'rp2040js';
import { InvariantMonitor } from '../../sim/invariants';
import type { LaunchBayModel, LaunchBayOptions } from '../../sim/physics';
import { pressButton, startingPoint, type DeckStart } from '../../sim/world';
import { EmulatedChip } from './chip';
import type { PicoImage } from './image';
import { openUsbConsole, type UsbConsole } from './usb-console';
import { wireBoard, type PicoWiring } from './wiring';

export interface EmulatedWorldOptions {
  board: Board;
  image: PicoImage;
  /** The RP2040 bootrom (4096 words); only an SRAM program runs without one. */
  bootrom?: Uint32Array;
  seed?: number;
  /** The settled bay the physics starts in; the image reconstructs its states from the sensors, as after power-up. */
  start?: DeckStart;
  emptyChambers?: readonly AirlockLetter[];
  physics?: LaunchBayOptions;
  /** Physics step, emulated ms (default 50, as the host simulator). */
  stepMs?: number;
  /** Wait for the image's controller to report its reconstructed states (default true; false for a bare program). */
  awaitController?: boolean;
  /** How long the image may take to boot and report, emulated ms (default 10 s). */
  bootTimeoutMs?: number;
  /** rp2040js's own log level (default errors only). */
  logLevel?: LogLevel;
  onReport?(report: ControllerReport): void;
  /** Each console line the image prints (reports included). */
  onLine?(line: string): void;
}

/** The machines as the image's reports tell them: what expectations and the invariant monitor read. */
interface ReportedMachines {
  readonly started: boolean;
  readonly machines: { [id: string]: { state: string; goal: string | undefined } };
}

export interface EmulatedWorld {
  readonly chip: EmulatedChip;
  readonly model: LaunchBayModel;
  readonly wiring: PicoWiring;
  readonly usb: UsbConsole;
  /** Scenario time: emulated ms since the controller started (or since reset, for a bare program). */
  readonly clock: Clock;
  /** Emulated ms from reset to the controller's start. */
  readonly bootMs: number;
  readonly controller: Controller;
  readonly invariants: InvariantMonitor;
  readonly powered: boolean;
  /** Every report, its time on the scenario clock. */
  readonly trace: ControllerReport[];
  press(signal: string, ms?: number): void;
  advance(ms: number): void;
  stop(): void;
}

export class BootError extends Error {}

export function createEmulatedWorld(o: EmulatedWorldOptions): EmulatedWorld {
  const chip = new EmulatedChip({ image: o.image, bootrom: o.bootrom, logLevel: o.logLevel });
  const host = chip.hostClock;
  const { model } = startingPoint(o);
  const reported: ReportedMachines = { started: false, machines: {} };
  const trace: ControllerReport[] = [];
  let emuT0 = 0, devT0: number | undefined;
  const clock: Clock = { now: () => host.now() - emuT0, set: host.set, clear: host.clear };
  const hosts = o.board.hosts as readonly MachineId[];

  const wiring = wireBoard(o.board, model, chip.mcu, host);
  const invariants = new InvariantMonitor(model, () => reported as unknown as Controller, () => clock.now());
  const stepMs = o.stepMs ?? 50;
  const stepPhysics = () => { model.step(stepMs); wiring.driveInputs(); invariants.check(); };
  let physics = host.set(stepPhysics, stepMs, stepMs);

  const onReport = (r: ControllerReport) => {
    // The image's clock is the chip's timer (ms since reset), the emulator's own: the scenario clock's zero is the
    // instant the controller started, its first reconstructed state. Reports before it keep their time since reset.
    if (devT0 === undefined && r.event === 'reconstructed from sensors') devT0 = r.t;
    const shifted = { ...r, t: devT0 === undefined ? r.t : r.t - devT0 };
    if (r.kind === 'transition') reported.machines[r.machine] = { state: r.to!, goal: r.goal };
    if (!reported.started && hosts.every((id) => reported.machines[id] !== undefined)) {
      (reported as { started: boolean }).started = true;
      emuT0 = devT0 ?? host.now();
      // Physics steps on the scenario's 50 ms marks from here on, as in a host run, so inputs change at the same instants.
      const next = emuT0 + stepMs * Math.ceil((host.now() - emuT0) / stepMs);
      host.clear(physics);
      physics = host.set(stepPhysics, next - host.now(), stepMs);
    }
    trace.push(shifted);
    invariants.report(shifted);
    o.onReport?.(shifted);
  };
  const usb = openUsbConsole(chip.mcu, host.now, (line) => o.onLine?.(line), onReport);

  // Moddable's Pico port waits up to 10 s for USB before it starts: boot may take that long and more.
  if (o.awaitController ?? true) boot(chip, reported, usb, o.bootTimeoutMs ?? 20_000);
  const controller = {
    get started() { return reported.started; },
    machines: reported.machines,
    send() { throw new Error('the emulated Pico takes no events from the host: press its buttons'); },
  } as unknown as Controller;

  return {
    chip, model, wiring, usb, clock, controller, invariants, trace, powered: true,
    get bootMs() { return emuT0; },
    press: (signal, ms = 200) => { invariants.pressed(signal); pressButton(model, host, signal, ms); },
    advance: (ms) => chip.runUntil(chip.nowMs + Math.max(0, ms)),
    stop() { host.clear(physics); wiring.close(); },
  };
}

/** Runs the chip until the controller reports every hosted machine, or explains what is missing. */
function boot(chip: EmulatedChip, reported: ReportedMachines, usb: UsbConsole, timeoutMs: number): void {
  while (!reported.started && chip.nowMs < timeoutMs) chip.runUntil(chip.nowMs + 10);
  if (reported.started) return;
  const said = usb.lines.length ? `; it printed:\n  ${usb.lines.slice(-10).join('\n  ')}` : '; it printed nothing';
  const why = usb.connected
    ? 'USB connected, but no report reconstructing every hosted machine arrived'
    : 'its USB never connected (a release build needs "defines": {"pico": {"usb": 1}}, and the image needs a bootrom)';
  throw new BootError(`emulator: the image did not start its controller within ${timeoutMs / 1000} s of emulated time: ${why}${said}`);
}
