// The simulator's pin table: every pin the board wires, what it connects to in the model, and who holds it open.
import type { Board, SignalWiring } from '../../hal/board/types';
import { knownSignals } from '../../hal/board/signals';
import type { Door, LaunchBayModel } from '../physics';
import { driveHBridge, outputOf, quantityOf, switchActive, switchSenseOf, type HBridge, type Quantity, type SwitchSense } from './bindings';

export interface DigitalPin {
  pin: number;
  /** The signal, and for an H-bridge which of its pins: `bay door dir`. */
  name: string;
  input: boolean;
  /** The level at which the part is active (pressed, tripped, on): 0 for active-low wiring. */
  activeLevel: number;
  /** Inputs: the switch's state. */
  isActive: () => boolean;
  /** Inputs: what the switch senses, read by the simulator's Digital without a call (null for an output). */
  sense: SwitchSense | null;
  /** Outputs: switches the part. */
  apply: (active: boolean) => void;
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
  /** Every pin the board uses, described for error messages. */
  uses: Map<number, string>;
  /** Signal names to pins, as `device.pin`. */
  names: { [name: string]: number };
}

const never = (): boolean => false;
const nothing = (): void => {};

export function buildPinTable(board: Board, model: LaunchBayModel): PinTable {
  const t: PinTable = { board: board.name, digital: new Map(), analog: new Map(), serial: [], inputs: [], uses: new Map(), names: {} };
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
    const drive = (set: (on: boolean) => void) => (on: boolean) => { set(on); driveHBridge(bridge); };
    addDigital(t, w.dir, `${signal} dir`, false, 1, never, drive((on) => { bridge.dir = on; }));
    addDigital(t, w.enable, `${signal} enable`, false, 1, never, drive((on) => { bridge.enable = on; }));
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
    const sense = switchSenseOf(model, signal);
    t.inputs.push(addDigital(t, plain.pin, signal, true, activeLow ? 0 : 1, () => switchActive(sense), nothing, sense));
  } else if (kind === 'output') {
    const plain = w as { pin: number; activeLow?: boolean };
    addDigital(t, plain.pin, signal, false, plain.activeLow ? 0 : 1, never, outputOf(model, signal));
  } else {
    throw new Error(`simulator: board "${t.board}": ${signal} (${kind}) has no wiring the simulator knows`);
  }
}

function addDigital(t: PinTable, pin: number, name: string, input: boolean, activeLevel: number,
  isActive: () => boolean, apply: (active: boolean) => void, sense: SwitchSense | null = null): DigitalPin {
  claim(t, pin, name);
  const entry: DigitalPin = { pin, name, input, activeLevel, isActive, apply, sense, holder: null };
  t.digital.set(pin, entry);
  return entry;
}

function claim(t: PinTable, pin: number, name: string): void {
  const taken = t.uses.get(pin);
  if (taken !== undefined) throw new Error(`simulator: board "${t.board}" wires pin ${pin} to both ${taken} and ${name}`);
  t.uses.set(pin, name);
  t.names[name] = pin;
}
