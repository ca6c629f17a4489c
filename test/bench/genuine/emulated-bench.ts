// The emulated bench the genuine-firmware tests share: StandardFirmata on an emulated Uno behind a socat pty, its rig
// wired to the bay model, and the bench controller on the host end as a node beside the simulated rest of the bay.
import type { Board } from '../../../firmware/board/types';
import type { ControllerReport } from '../../../firmware/controller';
import { WallClock } from '../../../hal/providers/bench/wall-clock';
import { loadBoard } from '../../../scripts/lib/board-file';
import { startBenchSession, type BenchSession } from '../../../scripts/lib/bench-session';
import { startEmulatedBoard, type EmulatedBoard } from '../../../emulators/avr/emulated-board';
import type { EmulatedChip } from '../../../emulators/avr/emulated-chip';
import type { ChipRig } from '../../../emulators/avr/rig';
import { startLoneBoardBay, type LoneBoardBay } from '../../../sim/lone-board';
import type { DeckStart } from '../../../sim/world';
import { pressAgainUntil, until } from '../real-time';

export interface EmulatedBench {
  readonly board: Board;
  readonly chip: EmulatedChip;
  readonly rig: ChipRig;
  readonly bay: LoneBoardBay;
  readonly session: BenchSession;
  readonly reports: ControllerReport[];
  readonly log: string[];
  /** Airlock A's state on the bench board, or undefined while its controller is down. */
  state(): string | undefined;
  /** The level the AVR drives on the pin of `name` (a signal, or `… dir`, `… enable`): 1, 0, or -1 for not driven. */
  atAvr(name: string): number;
  /**
   * Presses a button (in the model, so on the AVR's pin) until `condition`, as a person would: held for a moment,
   * and pressed again while nothing happens (a press the controller refused, for want of fresh evidence just after
   * it started, changes nothing: a held button gives no second edge).
   */
  pressUntil(button: string, condition: () => boolean, limitMs?: number): Promise<boolean>;
  /** Waits for `condition`; past `limitMs` it fails, telling the airlock's story (reports and log) to say why. */
  waitFor(what: string, condition: () => boolean, limitMs?: number): Promise<void>;
  /** Waits for airlock A to reach `state`. */
  reaches(state: string): Promise<void>;
  /** Waits for the AVR to drive each named pin at its level (1, 0, or -1 for not driven). */
  pinsAt(levels: { [name: string]: number }): Promise<void>;
  /** Pulls the USB cable: the pty pair goes, and the board loses power with it. */
  unplug(): Promise<void>;
  /** Plugs it back in on the same paths. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Doors quick enough for a test in wall time, and a chamber slower than the simulator's (20 s to fill or empty, 8 s
 * there): the emulated board may stall for a moment on a loaded machine, and the reading that follows a stall jumps by
 * all the pressure that changed meanwhile, which the controller's rate check takes for a faulty sensor. At 5 kPa/s it
 * takes a stall of 0.8 s to look like one; at 12.7 kPa/s, 0.3 s did.
 */
const quickPhysics = { constants: { airlockDoorTravelMs: 1000, chamberPumpMs: 20_000, chamberVentMs: 20_000 } };

export async function startEmulatedBench(o: { board?: Board; start?: DeckStart } = {}): Promise<EmulatedBench> {
  const board = o.board ?? loadBoard('arduino-uno');
  const clock = new WallClock();
  const reports: ControllerReport[] = [], log: string[] = [];
  let emulated: EmulatedBoard | undefined;
  const bay = startLoneBoardBay({ bench: board, clock, start: o.start ?? 'ready', physics: quickPhysics, onStep: () => emulated?.sync(), onReport: (r) => reports.push(r) });
  emulated = await startEmulatedBoard({ board, model: bay.model, log: (l) => log.push(l) });
  const { chip, rig } = emulated;
  // Wall-time slack: the board boots and blinks its version for about 3 s, on a machine other work shares.
  const session = await startBenchSession({ board, port: emulated.port, clock, bay, timeoutMs: 60_000, retryMs: 200, onReport: (r) => reports.push(r), log: (l) => log.push(l) });
  const pinOf = (name: string) => {
    const pin = session.device?.pins.names[name];
    if (pin === undefined) throw new Error(`no pin named ${name} on ${board.name}`);
    return pin;
  };
  const names = { ...session.device!.pins.names };
  const state = () => session.controller?.machines['airlock A']?.state;
  const bench: EmulatedBench = {
    board, chip, rig, bay, session, reports, log, state,
    atAvr: (name) => chip.levels[names[name] ?? pinOf(name)]!,
    async pressUntil(button, condition, limitMs = 30_000) {
      await pressAgainUntil(bay.model.buttons, button, condition, limitMs);
      await this.waitFor(`an answer to ${button}`, condition, 0);
      return true;
    },
    async waitFor(what, condition, limitMs = 60_000) {
      if (await until(condition, limitMs)) return;
      const story = reports.map((r) => `${(r.t / 1000).toFixed(1)} s ${r.machine}: ${r.kind} ${r.from ? `${r.from} → ${r.to} (${r.event})` : ''} ${r.detail ?? ''}`);
      const m = bay.model.airlocks.A;
      throw new Error(`not within ${limitMs / 1000} s: ${what}; airlock A is ${state()}, chamber ${m.chamberKpa.toFixed(1)} kPa, pins at the AVR ${JSON.stringify(chip.levels)}\n${[...story, ...log].join('\n')}`);
    },
    reaches(s) { return this.waitFor(`airlock A ${s}`, () => state() === s); },
    pinsAt(levels) {
      const want = Object.entries(levels);
      return this.waitFor(want.map(([n, l]) => `${n} at ${l}`).join(', '), () => want.every(([n, l]) => this.atAvr(n) === l));
    },
    unplug: () => emulated!.unplug(),
    replug: () => emulated!.replug(),
    async close() {
      await session.stop();
      bay.stop();
      clock.stop();
      await emulated!.close();
    },
  };
  return bench;
}
