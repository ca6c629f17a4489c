// Test fixtures: a small board for the simulator provider, with every kind of wiring, and ASCII helpers.
import type { Board } from '../../firmware/board/types';
import { createSimulatorDevice } from '../../sim/provider';
import { VirtualClock } from '../../sim/clock';
import { LaunchBayModel, type LaunchBayOptions } from '../../sim/physics';

const benchBoard: Board = {
  name: 'test bench',
  mcu: 'sim',
  hosts: ['airlock A', 'bay environment'],
  signals: {
    // A switch to ground with the pull-up: reads 0 when pressed.
    'airlock A button 1': { pin: 1, activeLow: true, pullUp: true },
    // A switch to 3.3 V with a pull-down: reads 1 when pressed.
    'airlock A button 2': { pin: 2 },
    'airlock A outer door': { wiring: 'dir-enable', dir: 3, enable: 4 },
    'airlock A outer door open limit': { pin: 5, pullUp: true },
    'airlock A outer door closed limit': { pin: 6 },
    'airlock A inner door': { wiring: 'serial', tx: 7, rx: 8, baud: 9600 },
    'airlock A chamber pressure': { wiring: 'analog', pin: 34, calibration: { raw: [409, 3686], value: [0, 120] } },
    'airlock A pump': { pin: 10 },
    'airlock A vent': { pin: 11, activeLow: true },
    'bay pressure': { wiring: 'uart', tx: 12, rx: 13, baud: 9600 },
    'bay temperature': { wiring: 'analog', pin: 35, calibration: { raw: [0, 4000], value: [-50, 50] } },
    'bay heater': { pin: 14 },
    'klaxon': { pin: 15 },
  },
};

/** A model without sensor noise unless asked, its clock, and the bench board's device on them. */
export function bench(options: LaunchBayOptions = {}, board: Board = benchBoard) {
  const model = new LaunchBayModel({ ...options, constants: { noiseKpa: 0, noiseC: 0, ...options.constants } });
  const clock = new VirtualClock();
  const device = createSimulatorDevice({ board, model, clock });
  return { model, clock, device };
}

export function bytes(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function text(buffer: ArrayBuffer | undefined): string {
  return buffer ? String.fromCharCode(...new Uint8Array(buffer)) : '';
}
