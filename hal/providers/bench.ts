// The bench's ECMA-419 device: a board running StandardFirmata on USB, through johnny-five's IO, so the same HAL
// drivers and controller that run on the device run here against real buttons, switches, LEDs and potentiometers.
import type { Board } from '../board/types';
import type { Device, PWMClass, Serial, SerialClass, SerialOptions } from '../types';
import { analogClass } from './bench/analog';
import { digitalClass } from './bench/digital';
import { resetBoard, setInputMode, type FirmataIo } from './bench/io';
import { benchPinMap, misfit, pinError, type BenchPinMap } from './bench/pin-map';
import { pwmClass } from './bench/pwm';

export { BenchPortError, connectBench, connectFirmata, FIRMATA_BAUD, type BenchConnection, type FirmataConnectOptions } from './bench/connect';
export type { FirmataIo } from './bench/io';
export { benchPinMap, type BenchPin, type BenchPinMap } from './bench/pin-map';

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

/**
 * Sets every input's mode, then turns on its reports, then waits until each input and analog pin has reported once.
 * StandardFirmata sends a port's levels as soon as its reporting is turned on, with a 0 for every pin of it not yet
 * an input, which an active-low limit switch reads as closed: so every mode goes first. And a board that did not
 * reset as the port opened may still have reports of the last session on the line: the firmware query that follows
 * the modes is answered after them, and only reports asked for after its answer count.
 */
function primeInputs(map: BenchPinMap, io: FirmataIo, timeoutMs: number): Promise<void> {
  const waiting = new Set<number>();
  const undo: (() => void)[] = [];
  const inputs = [...map.pins.values()].filter((p) => p.role !== 'output');
  for (const p of inputs) if (p.role === 'input') setInputMode(io, p.pin, p.pullUp);
  return new Promise<void>((resolve, reject) => {
    let over = false, asked = false;
    const done = () => { over = true; clearTimeout(timer); for (const u of undo) u(); resolve(); };
    const heard = (pin: number) => { waiting.delete(pin); if (waiting.size === 0 && !over) done(); };
    const report = () => {
      if (over) return;
      asked = true;
      for (const p of inputs) {
        waiting.add(p.pin);
        const listener = () => heard(p.pin);
        if (p.role === 'input') {
          io.digitalRead(p.pin, listener);
          undo.push(() => io.removeListener(`digital-read-${p.pin}`, listener));
        } else {
          // No pin mode: the reset left every analog pin in analog mode (and firmata-io's pinMode takes a channel for it).
          const channel = io.pins[p.pin].analogChannel;
          io.analogRead(channel, listener);
          undo.push(() => io.removeListener(`analog-read-${channel}`, listener));
        }
      }
      if (waiting.size === 0) done();
    };
    const timer = setTimeout(() => {
      over = true;
      for (const u of undo) u();
      if (!asked) {
        reject(new Error(`bench: the board never answered the firmware query that follows the pin modes within ${timeoutMs / 1000} s`));
        return;
      }
      const names = [...waiting].map((pin) => `${pin} (${map.pins.get(pin)!.name})`).join(', ');
      reject(new Error(`bench: these pins never reported within ${timeoutMs / 1000} s: ${names}; StandardFirmata 2.4 or later reports a pin as soon as it is asked to`));
    }, timeoutMs);
    if (inputs.length === 0) done();
    else io.queryFirmware(report);
  });
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
