// The bench's ECMA-419 device: a board running StandardFirmata on USB, through johnny-five's IO, so the same HAL
// drivers and controller that run on the device run here against real buttons, switches, LEDs and potentiometers.
import type { Board } from '../board/types';
import type { Device, PWMClass, Serial, SerialClass, SerialOptions } from '../types';
import { analogClass } from './bench/analog';
import { digitalClass } from './bench/digital';
import { resetBoard, type FirmataIo } from './bench/io';
import { benchPinMap, misfit, pinError, type BenchPinMap } from './bench/pin-map';
import { primeInputs } from './bench/prime';
import { pwmClass } from './bench/pwm';

export { BenchPortError, connectBench, connectFirmata, type BenchConnection } from './bench/connect';
export { benchPinMap } from './bench/pin-map';

export interface BenchDeviceOptions {
  board: Board;
  /** The connected board's IO (`connection.io`). */
  io: FirmataIo;
  /** How long every input and analog pin has to send its first report (default 2000 ms). */
  timeoutMs?: number;
}

export type BenchDevice = Device & {
  readonly io: Device['io'] & { readonly PWM: PWMClass };
  /** The board file's pins and what each is for. */
  readonly pins: BenchPinMap;
  /** A pin's level as last reported (inputs) or written (outputs), or an analog pin's last counts. */
  level(pin: number): number;
};

/**
 * A `device` for `board` on the connected Firmata board. Every input is set up (pull-up as the board file says) and
 * every analog channel turned on before it resolves, so a driver reads real levels from its first `read()`.
 */
export async function openBenchDevice(o: BenchDeviceOptions): Promise<BenchDevice> {
  const map = benchPinMap(o.board);
  const problem = misfit(map, o.io);
  if (problem) throw new Error(`bench: ${problem}`);
  // A clean slate, as after power-up: every digital pin an output driven low, every analog pin an analog input. A
  // board that did not reset when the port opened may still drive what the last session left on.
  resetBoard(o.io);
  await primeInputs(map, o.io, o.timeoutMs ?? 2000);
  const held = new Set<number>();
  return {
    io: {
      Digital: digitalClass(map, o.io, held),
      Analog: analogClass(map, o.io, held),
      PWM: pwmClass(map, o.io, held),
      Serial: noSerial(map),
    },
    pin: Object.freeze({ ...map.names }),
    pins: map,
    level: (pin) => o.io.pins[pin]?.value ?? 0,
  };
}

/** StandardFirmata carries no UART for a sensor or a motor controller: opening one fails at once, naming the pin. */
function noSerial(map: BenchPinMap): SerialClass {
  return class BenchSerial implements Serial {
    constructor(o: SerialOptions) { throw pinError(map, o.transmit, 'StandardFirmata has no UART for the bench; wire the part to GPIOs or an analog pin'); }
    read(): ArrayBuffer | undefined { return undefined; }
    write(): void {}
    close(): void {}
  };
}
