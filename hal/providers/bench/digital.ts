// The bench's ECMA-419 Digital: a pin of the Firmata board; inputs follow the board's port reports and call
// `onReadable` on their edges, outputs are written with Firmata digital messages (and again, and checked, in rounds:
// refresh.ts).
import { DigitalModes, type Digital, type DigitalClass, type DigitalOptions } from '../../types';
import { setInputMode, type FirmataIo } from './io';
import { pinError, type BenchPinMap } from './pin-map';
import { OutputRefresh } from './refresh';

export function digitalClass(map: BenchPinMap, io: FirmataIo, held: Set<number>): DigitalClass {
  const refresh = new OutputRefresh(io);
  return class BenchDigital extends DigitalModes implements Digital {

    private pin: number;
    private readonly input: boolean;
    private readonly edge: number;
    private readonly onReadable: ((this: Digital) => void) | undefined;
    private readonly listener: ((value: number) => void) | undefined;
    private level: number;

    constructor(o: DigitalOptions) {
      super();
      const use = map.pins.get(o.pin);
      if (!use || use.role === 'analog') throw pinError(map, o.pin, 'cannot open a Digital');
      // An AVR has pull-ups but no pull-downs, and Firmata has no open-drain mode.
      if (o.mode === DigitalModes.InputPullDown || o.mode === DigitalModes.InputPullUpDown) throw pinError(map, o.pin, 'the board has no pull-down resistors');
      if (o.mode === DigitalModes.OutputOpenDrain) throw pinError(map, o.pin, 'Firmata has no open-drain output');
      if (o.mode !== DigitalModes.Input && o.mode !== DigitalModes.InputPullUp && o.mode !== DigitalModes.Output) throw pinError(map, o.pin, `unknown Digital mode ${o.mode}`);
      this.input = o.mode !== DigitalModes.Output;
      if (this.input !== (use.role === 'input')) throw pinError(map, o.pin, `cannot open a Digital ${this.input ? 'input on an output' : 'output on an input'}`);
      if (held.has(o.pin)) throw pinError(map, o.pin, 'already open');
      held.add(o.pin);
      this.pin = o.pin;
      this.edge = o.edge ?? 0;
      this.onReadable = o.onReadable;
      if (this.input) {
        setInputMode(io, o.pin, o.mode === DigitalModes.InputPullUp);
        this.level = io.pins[o.pin].value ? 1 : 0;
        // Made once: firmata-io calls it with the pin's level on every report of its port, changed or not.
        this.listener = (value) => this.reported(value);
        io.digitalRead(o.pin, this.listener);
      } else {
        io.pinMode(o.pin, io.MODES.OUTPUT);
        this.level = 0;
        refresh.add(o.pin);
      }
    }

    read(): number {
      this.live();
      return this.input ? io.pins[this.pin].value ? 1 : 0 : this.level;
    }

    write(value: number): void {
      this.live();
      if (this.input) throw pinError(map, this.pin, 'cannot write an input');
      this.level = value ? 1 : 0;
      refresh.write(this.pin, this.level);
    }

    close(): void {
      if (this.pin < 0) return;
      // The port keeps reporting (other pins may share it); this pin just stops listening.
      if (this.listener) io.removeListener(`digital-read-${this.pin}`, this.listener);
      else refresh.remove(this.pin);
      held.delete(this.pin);
      this.pin = -1;
    }

    private reported(value: number): void {
      const level = value ? 1 : 0;
      if (level === this.level || this.pin < 0) return;
      this.level = level;
      const fires = level === 1 ? this.edge & DigitalModes.Rising : this.edge & DigitalModes.Falling;
      if (fires && this.onReadable) this.onReadable.call(this);
    }

    private live(): void {
      if (this.pin < 0) throw new Error(`bench: board "${map.board}": Digital used after close`);
    }
  };
}
