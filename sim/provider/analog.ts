// The simulator's ECMA-419 Analog: an ADC channel reading a model quantity through the board's calibration, inverted.
import type { LaunchBayModel } from '../physics';
import type { Analog, AnalogClass } from '../../hal/types';
import { trueValue } from './bindings';
import { pinError } from './errors';
import type { AnalogPin, PinTable } from './pin-table';

// The ESP32's ADC, and most microcontrollers' ones: 12 bits.
const RESOLUTION = 12;
export const FULL_SCALE = (1 << RESOLUTION) - 1;

/** Raw counts for a value, by the board's two-point calibration read backwards, clamped to the ADC's range. */
export function countsFor(entry: AnalogPin, value: number): number {
  if (value !== value) return FULL_SCALE; // out of range: the input is pinned to the rail
  const raw = Math.round(entry.raw0 + (value - entry.value0) * entry.countsPerUnit);
  return raw < 0 ? 0 : raw > FULL_SCALE ? FULL_SCALE : raw;
}

// Made once, when the module is (preloaded, in flash); each table gets a subclass of a line (see digital.ts).
class TableAnalog implements Analog {
  readonly resolution = RESOLUTION;
  private entry: AnalogPin | null;

  constructor(private readonly table: PinTable, private readonly model: LaunchBayModel, o: { pin: number; resolution?: number }) {
    const entry = table.analog.get(o.pin);
    if (!entry) throw pinError(table, o.pin, 'cannot open an Analog');
    if (o.resolution !== undefined && o.resolution !== RESOLUTION) {
      throw pinError(table, o.pin, `the ADC has ${RESOLUTION} bits, not ${o.resolution}`);
    }
    if (entry.holder) throw pinError(table, o.pin, 'already open');
    entry.holder = this;
    this.entry = entry;
  }

  read(): number {
    const e = this.entry;
    if (!e) throw new Error(`simulator: board "${this.table.board}": Analog used after close`);
    // `sense` written out here, so that the reading (a double) never leaves this function: returned from a call
    // that is not inlined, V8 boxes it, a small allocation on every read.
    const model = this.model, fault = model.sensorFaults[e.name], q = e.quantity;
    if (fault !== undefined) return countsFor(e, fault.kind === 'stuck' ? fault.value : NaN);
    return countsFor(e, trueValue(q) + model.noise() * q.noise);
  }

  close(): void {
    if (this.entry) this.entry.holder = null;
    this.entry = null;
  }
}

export function analogClass(table: PinTable, model: LaunchBayModel): AnalogClass {
  return class SimAnalog extends TableAnalog { constructor(o: { pin: number; resolution?: number }) { super(table, model, o); } };
}
