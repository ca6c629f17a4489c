// The simulator's ECMA-419 device: the board's pins wired to the launch bay model, so drivers run unchanged on simulated hardware.
import type { Board } from '../hal/board/types';
import type { LaunchBayModel } from './physics';
import type { Clock, Device } from '../hal/types';
import { analogClass } from './provider/analog';
import { digitalClass, scanInputs } from './provider/digital';
import { buildPinTable } from './provider/pin-table';
import { serialClass } from './provider/serial';

export interface SimulatorDeviceOptions {
  board: Board;
  model: LaunchBayModel;
  /** Times the serial devices (the sensors' streams, the motor controllers' answers). */
  clock: Clock;
}

export type SimulatorDevice = Device & {
  /** Calls `onReadable` on every input whose level changed since the last scan; call it after each physics step. */
  scan(): void;
};

/**
 * A `device` for `board`: pins as the board maps them (`pin['bay door dir']`, `pin['bay pressure']`,
 * `pin['airlock A outer door tx']`), IO classes that throw on any pin the board does not wire that way.
 */
export function createSimulatorDevice(o: SimulatorDeviceOptions): SimulatorDevice {
  const table = buildPinTable(o.board, o.model);
  return {
    io: {
      Digital: digitalClass(table),
      Analog: analogClass(table, o.model),
      Serial: serialClass(table, o.model, o.clock),
    },
    pin: Object.freeze({ ...table.names }),
    scan: () => scanInputs(table),
  };
}
