// Every pin a board file wires, what it is for, and whether the board on the bench can do that with it.
import type { Board, InputWiring, SignalWiring } from '../../board/types';
import { knownSignals } from '../../board/signals';
import { inputWiringOf } from '../../drivers/logic-input';
import { canPullUp, type FirmataIo } from './io';

type PinRole = 'input' | 'output' | 'analog';

export interface BenchPin {
  pin: number;
  /** The signal, and for an H-bridge which of its pins: `airlock A outer door dir`. */
  name: string;
  /** The board file's signal name. */
  signal: string;
  role: PinRole;
  /** Inputs: the chip's pull-up is on (a switch to ground). */
  pullUp: boolean;
  /** Inputs: the level at which the switch is closed; outputs: the level that turns the part on. */
  activeLevel: number;
}

export interface BenchPinMap {
  board: string;
  pins: Map<number, BenchPin>;
  /** Signal names (and `… dir`, `… enable`) to pins, as `device.pin`. */
  names: { [name: string]: number };
}

export function benchPinMap(board: Board): BenchPinMap {
  const map: BenchPinMap = { board: board.name, pins: new Map(), names: {} };
  const known = knownSignals();
  const add = (p: BenchPin) => { map.pins.set(p.pin, p); map.names[p.name] = p.pin; };
  for (const [signal, w] of Object.entries(board.signals) as [string, SignalWiring][]) {
    const kind = known.get(signal)?.kind;
    if ('wiring' in w && w.wiring === 'dir-enable') {
      add({ pin: w.dir, name: `${signal} dir`, signal, role: 'output', pullUp: false, activeLevel: 1 });
      add({ pin: w.enable, name: `${signal} enable`, signal, role: 'output', pullUp: false, activeLevel: 1 });
    } else if ('wiring' in w && w.wiring === 'analog') {
      add({ pin: w.pin, name: signal, signal, role: 'analog', pullUp: false, activeLevel: 1 });
    } else if ('wiring' in w) {
      throw new Error(`bench: board "${board.name}": ${signal} is wired "${w.wiring}" (a UART), which StandardFirmata does not carry; wire it to a GPIO or an analog pin`);
    } else if (kind === 'input') {
      const { activeLow, pullUp } = inputWiringOf(w as InputWiring);
      add({ pin: w.pin, name: signal, signal, role: 'input', pullUp, activeLevel: activeLow ? 0 : 1 });
    } else {
      add({ pin: w.pin, name: signal, signal, role: 'output', pullUp: false, activeLevel: 'activeLow' in w && w.activeLow ? 0 : 1 });
    }
  }
  return map;
}

/** `bench: board "arduino-uno": pin 7 (airlock A outer door enable): cannot open a Digital input on an output`. */
export function pinError(map: BenchPinMap, pin: number, what: string): Error {
  const use = map.pins.get(pin)?.name ?? 'not wired on this board';
  return new Error(`bench: board "${map.board}": pin ${pin} (${use}): ${what}`);
}

/** The first pin the connected board cannot use as the board file says, described; undefined when every pin fits. */
export function misfit(map: BenchPinMap, io: FirmataIo): string | undefined {
  const M = io.MODES;
  for (const p of map.pins.values()) {
    const caps = io.pins[p.pin];
    const needs = p.role === 'analog' ? M.ANALOG : p.role === 'output' ? M.OUTPUT : p.pullUp ? M.PULLUP : M.INPUT;
    const what = p.role === 'analog' ? 'an analog input' : p.role === 'output' ? 'an output' : p.pullUp ? 'an input with pull-up' : 'an input';
    if (!caps) return `the board reports ${io.pins.length} pins, so it has no pin ${p.pin} for ${p.name} (is this the board "${map.board}" is for?)`;
    const fits = p.role === 'input' && p.pullUp ? canPullUp(io, p.pin) : caps.supportedModes.includes(needs);
    if (!fits) return `pin ${p.pin} cannot be ${what} on this board, but "${map.board}" puts ${p.name} there`;
  }
  return undefined;
}
