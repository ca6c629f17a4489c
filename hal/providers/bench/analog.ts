// The bench's ECMA-419 Analog: a potentiometer or sensor on one of the board's ADC pins, read from Firmata's analog reports.
import type { Analog, AnalogClass } from '../../types';
import { bitsOf, type FirmataIo } from './io';
import { pinError, type BenchPinMap } from './pin-map';

// An AVR's ADC, and what StandardFirmata reports when the board does not say.
const AVR_ADC_BITS = 10;

export function analogClass(map: BenchPinMap, io: FirmataIo, held: Set<number>): AnalogClass {
  return class BenchAnalog implements Analog {
    readonly resolution = bitsOf(io.RESOLUTION.ADC, AVR_ADC_BITS);
    private pin: number;
    private readonly channel: number;
    // Firmata pushes a reading every sampling interval; read() returns the latest, as an ADC register would.
    private readonly listener = () => {};

    constructor(o: { pin: number; resolution?: number }) {
      if (map.pins.get(o.pin)?.role !== 'analog') throw pinError(map, o.pin, 'cannot open an Analog');
      const channel = io.pins[o.pin]?.analogChannel;
      if (channel === undefined || channel === 127) throw pinError(map, o.pin, 'the board has no ADC channel on this pin');
      if (o.resolution !== undefined && o.resolution !== this.resolution) {
        throw pinError(map, o.pin, `the ADC has ${this.resolution} bits, not ${o.resolution}`);
      }
      if (held.has(o.pin)) throw pinError(map, o.pin, 'already open');
      held.add(o.pin);
      this.pin = o.pin;
      this.channel = channel;
      // The pin is in analog mode since the reset in openBenchDevice; firmata-io's pinMode would want the channel.
      io.analogRead(channel, this.listener);
    }

    read(): number {
      if (this.pin < 0) throw new Error(`bench: board "${map.board}": Analog used after close`);
      return io.pins[this.pin].value;
    }

    close(): void {
      if (this.pin < 0) return;
      io.removeListener(`analog-read-${this.channel}`, this.listener);
      held.delete(this.pin);
      this.pin = -1;
    }
  };
}
