// A whole simulated bench: an Arduino running StandardFirmata, its rig wired to the launch bay model, and the model
// stepped on a clock, behind a serial line (a pseudo-terminal the serialport module opens, or any byte duplex).
import type { Board, Mcu } from '../../firmware/board/types';
import type { Clock, TimerId } from '../../hal/types';
import { LaunchBayModel, type LaunchBayOptions } from '../../sim/physics';
import { FirmataBoard } from './board';
import { launchBayRig, type LaunchBayRig } from './rig';

/** The host's end of the line, as the board sees it: it writes bytes and hears bytes. */
interface SerialLine {
  write(bytes: Uint8Array): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
}

export interface SimulatedArduinoOptions {
  /** The board file the rig is wired by, and the chip's pin table that decides the Firmata pins. */
  board: Board;
  mcu: Mcu;
  /** Times the physics, the input scan and the analog reports: a wall clock behind a real serial line. */
  clock: Clock;
  physics?: LaunchBayOptions;
  /** Physics and input scan period, ms (default 5: StandardFirmata scans its inputs far faster than a finger). */
  stepMs?: number;
  /** Signals the rig does not have: their pins are left unconnected. */
  lacks?(signal: string): boolean;
  /** false: StandardFirmata before 2.5, with no pull-up mode (FirmataBoardOptions). */
  pullUpMode?: boolean;
  log?(line: string): void;
}

export interface SimulatedArduino {
  readonly model: LaunchBayModel;
  readonly firmata: FirmataBoard;
  readonly rig: LaunchBayRig;
  /** Connects the board's UART to a line and announces itself, as a board does when it comes out of reset. */
  attach(line: SerialLine): void;
  /** Holds a button down for `ms`, as a finger would. */
  press(signal: string, ms?: number): void;
  /** Holds a button down until `release`: a finger that waits to see the bay react, however slow the host is. */
  hold(signal: string): void;
  release(signal: string): void;
  /** Sends raw bytes down the line: noise, a glitch, a half message. */
  inject(bytes: readonly number[]): void;
  close(): void;
}

export function createSimulatedArduino(o: SimulatedArduinoOptions): SimulatedArduino {
  const model = new LaunchBayModel(o.physics);
  const rig = launchBayRig({ board: o.board, model, adcBits: o.mcu.adcBits ?? 12, lacks: o.lacks });
  let line: SerialLine | undefined;
  const firmata = new FirmataBoard({ mcu: o.mcu, rig, clock: o.clock, log: o.log, pullUpMode: o.pullUpMode, send: (bytes) => { line?.write(bytes); } });
  const onData = (chunk: Uint8Array) => firmata.receive(chunk);
  const stepMs = o.stepMs ?? 5;
  const timers: TimerId[] = [o.clock.set(() => { model.step(stepMs); firmata.scan(); }, stepMs, stepMs)];

  return {
    model, firmata, rig,
    attach(l) {
      line?.off('data', onData);
      line = l;
      l.on('data', onData);
      firmata.announce();
    },
    press(signal, ms = 200) {
      this.hold(signal);
      timers.push(o.clock.set(() => this.release(signal), ms));
    },
    hold(signal) {
      if (!(signal in model.buttons)) throw new Error(`simulated Arduino: no button named ${JSON.stringify(signal)}`);
      model.buttons[signal] = true;
    },
    release(signal) { model.buttons[signal] = false; },
    inject(bytes) { line?.write(Uint8Array.from(bytes)); },
    close() {
      for (const t of timers) o.clock.clear(t);
      firmata.close();
      line?.off('data', onData);
      line = undefined;
    },
  };
}
