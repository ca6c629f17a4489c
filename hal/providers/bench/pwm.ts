// The bench's ECMA-419 PWM: a dimmed LED or a fan on one of the board's PWM pins, written with Firmata analog messages.
import type { PWM, PWMClass } from '../../types';
import { bitsOf, type FirmataIo } from './io';
import { pinError, type BenchPinMap } from './pin-map';

// An AVR's 8-bit timers.
const AVR_PWM_BITS = 8;

export function pwmClass(map: BenchPinMap, io: FirmataIo, held: Set<number>): PWMClass {
  return class BenchPWM implements PWM {
    readonly resolution = bitsOf(io.RESOLUTION.PWM, AVR_PWM_BITS);
    private pin: number;

    constructor(o: { pin: number; hz?: number; resolution?: number }) {
      if (map.pins.get(o.pin)?.role !== 'output') throw pinError(map, o.pin, 'cannot open a PWM');
      if (!io.pins[o.pin]?.supportedModes.includes(io.MODES.PWM)) throw pinError(map, o.pin, 'the board has no PWM on this pin');
      // The AVR's timers run at fixed rates (490 Hz, or 980 Hz on some pins) and Firmata cannot change them.
      if (o.hz !== undefined) throw pinError(map, o.pin, 'Firmata cannot set the PWM frequency');
      if (o.resolution !== undefined && o.resolution !== this.resolution) {
        throw pinError(map, o.pin, `PWM has ${this.resolution} bits, not ${o.resolution}`);
      }
      if (held.has(o.pin)) throw pinError(map, o.pin, 'already open');
      held.add(o.pin);
      this.pin = o.pin;
      io.pinMode(o.pin, io.MODES.PWM);
    }

    write(value: number): void {
      if (this.pin < 0) throw new Error(`bench: board "${map.board}": PWM used after close`);
      const top = (1 << this.resolution) - 1;
      io.pwmWrite(this.pin, value < 0 ? 0 : value > top ? top : Math.round(value));
    }

    close(): void {
      if (this.pin < 0) return;
      held.delete(this.pin);
      this.pin = -1;
    }
  };
}
