// The simulator's ECMA-419 Digital: a GPIO wired by the pin table to a switch or a part of the model.
import { DigitalModes, type Digital, type DigitalClass, type DigitalOptions } from '../../hal/types';
import { setOutput } from './bindings';
import { pinError } from './errors';
import { inputLevel, type DigitalPin, type PinTable } from './pin-table';


// The classes are made once, when the module is (preloaded, in flash), and each table gets a subclass of a line:
// a class made at run time by a preloaded module copies its bytecode into XS's chunk heap (docs/BENCHMARKS.md).
class TableDigital extends DigitalModes implements Digital {

  /** @internal read by scan(): the configured edges and the level last seen. */
  edge: number;
  onReadable: ((this: Digital) => void) | undefined;
  lastLevel: number;
  private entry: DigitalPin | null;
  private level = 0;

  constructor(private readonly table: PinTable, o: DigitalOptions) {
    super();
    const entry = table.digital.get(o.pin);
    if (!entry) throw pinError(table, o.pin, 'cannot open a Digital');
    const wantsInput = o.mode === DigitalModes.Input || o.mode === DigitalModes.InputPullUp || o.mode === DigitalModes.InputPullDown || o.mode === DigitalModes.InputPullUpDown;
    const wantsOutput = o.mode === DigitalModes.Output || o.mode === DigitalModes.OutputOpenDrain;
    if (!wantsInput && !wantsOutput) throw pinError(table, o.pin, `unknown Digital mode ${o.mode}`);
    if (wantsInput !== entry.input) {
      throw pinError(table, o.pin, `cannot open a Digital ${wantsInput ? 'input on an output' : 'output on an input'}`);
    }
    if (entry.holder) throw pinError(table, o.pin, 'already open');
    entry.holder = this;
    this.entry = entry;
    this.edge = o.edge ?? 0;
    this.onReadable = o.onReadable;
    // An output is undriven until written: the model's part keeps its state, as a relay does at reset.
    this.lastLevel = entry.input ? this.read() : 0;
  }

  read(): number {
    const e = this.live();
    return e.input ? inputLevel(e) : this.level;
  }

  write(value: number): void {
    const e = this.live();
    if (e.input) throw pinError(this.table, e.pin, 'cannot write an input');
    this.level = value ? 1 : 0;
    setOutput(e.output!, this.level === e.activeLevel);
  }

  close(): void {
    if (this.entry) this.entry.holder = null;
    this.entry = null;
  }

  private live(): DigitalPin {
    if (!this.entry) throw new Error(`simulator: board "${this.table.board}": Digital used after close`);
    return this.entry;
  }
}

/** A Digital class bound to one pin table; `scan(table)` fires the inputs' edges. */
export function digitalClass(table: PinTable): DigitalClass {
  return class SimDigital extends TableDigital { constructor(o: DigitalOptions) { super(table, o); } };
}

/**
 * Compares every open input with its last level and calls `onReadable` on the configured edges. Allocates nothing.
 * Reads each input's level from its pin entry, as `read()` does, without the call through the holder.
 */
export function scanInputs(table: PinTable): void {
  const inputs = table.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const e = inputs[i], d = e.holder as TableDigital | null;
    if (d === null) continue;
    const level = inputLevel(e);
    if (level === d.lastLevel) continue;
    d.lastLevel = level;
    const fires = level === 1 ? d.edge & DigitalModes.Rising : d.edge & DigitalModes.Falling;
    if (fires && d.onReadable) d.onReadable.call(d);
  }
}
