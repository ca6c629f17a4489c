// Sensors read in engineering units (kPa, °C): an ADC channel by two-point calibration, or a UART sensor's text stream.
import type { AnalogSensor, UartSensor } from '../board/types';
import { DEFAULT_SERIAL_PORT, type Analog, type Clock, type Device, type Serial } from '../types';
import { parseReading } from './ascii';
import { LineReader } from './line-reader';
import { opened } from './opened';

interface SensorOptions {
  device: Device;
  wiring: AnalogSensor | UartSensor;
  clock: Clock;
}

// A reading line is a tag, a blank and a number, `P 101.325`: 32 bytes is ample, and longer is garbage.
const LINE_CAPACITY = 32;

class CalibratedSensor {
  private readonly clock: Clock;
  private readonly analog: Analog | undefined;
  private readonly serial: Serial | undefined;
  private readonly raw0: number = 0;
  private readonly value0: number = 0;
  private readonly gain: number = 1;
  private value = NaN;
  private updated = -Infinity;
  private bad = 0;

  constructor(o: SensorOptions) {
    this.clock = o.clock;
    const w = o.wiring;
    if (w.wiring === 'analog') {
      const { raw, value } = w.calibration;
      if (!(Number.isFinite(raw[0]) && Number.isFinite(raw[1]) && raw[0] !== raw[1] && Number.isFinite(value[0]) && Number.isFinite(value[1]))) {
        throw new Error(`sensor on pin ${w.pin}: calibration needs two distinct raw points and finite values`);
      }
      this.raw0 = raw[0];
      this.value0 = value[0];
      this.gain = (value[1] - value[0]) / (raw[1] - raw[0]);
      this.analog = new o.device.io.Analog({ pin: w.pin });
    } else if (w.wiring === 'uart') {
      this.serial = this.openUart(o.device, w);
    } else {
      throw new Error(`sensor: unknown wiring ${JSON.stringify((w as { wiring: unknown }).wiring)}`);
    }
    // Its one IO object is open now (an Analog may have no close of its own: `close` below copes).
    opened(this);
  }

  /** The reading: sampled now from an ADC; the last line received from a UART (NaN before the first). */
  read(): number {
    if (this.analog) {
      this.value = this.value0 + (this.analog.read() - this.raw0) * this.gain;
      this.updated = this.clock.now();
    }
    return this.value;
  }

  /** Clock ms of the last reading (analog: the last `read()`); -Infinity before any, so it is never fresh. */
  get lastUpdate(): number { return this.updated; }

  /** UART lines that did not parse as a reading. */
  get badLines(): number { return this.bad; }

  close(): void {
    this.analog?.close?.();
    this.serial?.close();
  }

  private openUart(device: Device, w: UartSensor): Serial {
    // Lines are parsed as bytes arrive; a bad line (noise, a partial line at start-up) is counted, never thrown.
    const lines = new LineReader(LINE_CAPACITY, (bytes, length) => {
      const v = length < 0 ? NaN : parseReading(bytes, length);
      if (v !== v) { this.bad++; return; }
      this.value = v;
      this.updated = this.clock.now();
    });
    const options = {
      receive: w.rx, transmit: w.tx, baud: w.baud, port: w.port ?? DEFAULT_SERIAL_PORT, format: 'buffer' as const,
      onReadable(this: Serial) {
        // ECMA-419's buffer format hands over a new ArrayBuffer per read; the view over it is the one other allocation.
        const chunk = this.read();
        if (chunk) lines.push(new Uint8Array(chunk));
      },
    };
    return new device.io.Serial(options);
  }
}

// Bay or chamber pressure in kPa, bay temperature in °C: the same class under two names. Subclasses would add a
// constructor frame (an implicit `super(...args)`) under the deepest step of a node's boot, a UART sensor's opening.
export { CalibratedSensor as PressureSensor, CalibratedSensor as TemperatureSensor };
