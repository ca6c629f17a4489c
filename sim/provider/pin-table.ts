// The simulator's pin table: every pin the board wires, what it connects to in the model, and who holds it open.
import type { Board, SignalWiring } from '../../hal/board/types';
import { knownSignals } from '../../hal/board/signals';
import type { Door, LaunchBayModel } from '../physics';
import { bridgeSwitchOf, outputSwitchOf, quantityOf, switchActive, switchSenseOf, type HBridge, type OutputSwitch, type Quantity, type SwitchSense } from './bindings';

export interface DigitalPin {
  pin: number;
  /** The signal, and for an H-bridge which of its pins: `bay door dir`. */
  name: string;
  input: boolean;
  /** The level at which the part is active (pressed, tripped, on): 0 for active-low wiring. */
  activeLevel: number;
  /** Inputs: what the switch senses (`switchActive` reads it); null for an output. */
  sense: SwitchSense | null;
  /** Outputs: the part the pin switches (`setOutput`); null for an input. */
  output: OutputSwitch | null;
  /** The Digital holding the pin, or null. */
  holder: object | null;
}

export interface AnalogPin {
  pin: number;
  name: string;
  quantity: Quantity;
  /** The board's calibration, engineering units to raw counts: raw = raw0 + (value - value0) * countsPerUnit. */
  raw0: number;
  value0: number;
  countsPerUnit: number;
  holder: object | null;
}

export interface SerialPins {
  name: string;
  tx: number;
  rx: number;
  baud: number;
  /** A motor controller on the far end drives this door; otherwise a sensor streams this quantity. */
  door: Door | null;
  quantity: Quantity | null;
  holder: object | null;
}

export interface PinTable {
  board: string;
  digital: Map<number, DigitalPin>;
  analog: Map<number, AnalogPin>;
  serial: SerialPins[];
  /** The digital inputs, in board order: what `scan()` walks, by index. */
  inputs: DigitalPin[];
  /** Signal names to pins, as `device.pin`; also what a pin is used for, in error messages (`useOf`). */
  names: { [name: string]: number };
}

export function buildPinTable(board: Board, model: LaunchBayModel): PinTable {
  const t: PinTable = { board: board.name, digital: new Map(), analog: new Map(), serial: [], inputs: [], names: {} };
  const known = knownSignals();
  for (const signal of Object.keys(board.signals)) {
    const spec = known.get(signal);
    if (!spec) throw new Error(`simulator: board "${board.name}" names unknown signal ${JSON.stringify(signal)}`);
    wire(t, model, signal, spec.kind, board.signals[signal]);
  }
  return t;
}

function wire(t: PinTable, model: LaunchBayModel, signal: string, kind: string, w: SignalWiring): void {
  if ('wiring' in w && w.wiring === 'dir-enable') {
    const bridge: HBridge = { door: model.door(signal), dir: false, enable: false };
    addDigital(t, w.dir, `${signal} dir`, 1, null, bridgeSwitchOf(bridge, 'dir'));
    addDigital(t, w.enable, `${signal} enable`, 1, null, bridgeSwitchOf(bridge, 'enable'));
  } else if ('wiring' in w && (w.wiring === 'serial' || w.wiring === 'uart')) {
    claim(t, w.tx, `${signal} tx`);
    claim(t, w.rx, `${signal} rx`);
    const motor = w.wiring === 'serial';
    t.serial.push({ name: signal, tx: w.tx, rx: w.rx, baud: w.baud, door: motor ? model.door(signal) : null, quantity: motor ? null : quantityOf(model, signal), holder: null });
  } else if ('wiring' in w && w.wiring === 'analog') {
    const { raw, value } = w.calibration;
    if (!(value[1] !== value[0] && Number.isFinite(raw[0]) && Number.isFinite(raw[1]))) {
      throw new Error(`simulator: board "${t.board}": ${signal}: calibration needs two distinct values`);
    }
    claim(t, w.pin, signal);
    t.analog.set(w.pin, {
      pin: w.pin, name: signal, quantity: quantityOf(model, signal),
      raw0: raw[0], value0: value[0], countsPerUnit: (raw[1] - raw[0]) / (value[1] - value[0]), holder: null,
    });
  } else if (kind === 'input') {
    const plain = w as { pin: number; activeLow?: boolean; pullUp?: boolean };
    // A switch to ground needs a pull-up and reads low when closed: each of the two flags implies the other.
    const activeLow = plain.activeLow ?? plain.pullUp ?? false;
    t.inputs.push(addDigital(t, plain.pin, signal, activeLow ? 0 : 1, switchSenseOf(model, signal), null));
  } else if (kind === 'output') {
    const plain = w as { pin: number; activeLow?: boolean };
    addDigital(t, plain.pin, signal, plain.activeLow ? 0 : 1, null, outputSwitchOf(model, signal));
  } else {
    throw new Error(`simulator: board "${t.board}": ${signal} (${kind}) has no wiring the simulator knows`);
  }
}

/** An input pin's level now: its active level while its switch is pressed or tripped. Allocates nothing. */
export function inputLevel(e: DigitalPin): number {
  return switchActive(e.sense!) ? e.activeLevel : e.activeLevel ^ 1;
}

function addDigital(t: PinTable, pin: number, name: string, activeLevel: number, sense: SwitchSense | null, output: OutputSwitch | null): DigitalPin {
  claim(t, pin, name);
  const entry: DigitalPin = { pin, name, input: sense !== null, activeLevel, sense, output, holder: null };
  t.digital.set(pin, entry);
  return entry;
}

function claim(t: PinTable, pin: number, name: string): void {
  const taken = useOf(t, pin);
  if (taken !== undefined) throw new Error(`simulator: board "${t.board}" wires pin ${pin} to both ${taken} and ${name}`);
  t.names[name] = pin;
}

/** What the board wires to `pin` (`bay door dir`), or undefined: a walk of the names, at boot or for an error. */
export function useOf(t: PinTable, pin: number): string | undefined {
  for (const name in t.names) if (t.names[name] === pin) return name;
  return undefined;
}
