// Puts a simulated Arduino on a real serial path: the board's end of a pseudo-terminal pair, opened with serialport.
import { SerialPort } from 'serialport';
import type { SimulatedArduino } from './arduino';

export interface SimulatedPort {
  readonly path: string;
  close(): Promise<void>;
}

/** Opens `path` at StandardFirmata's 57600 baud and attaches the board to it; closing the port leaves the board running. */
export async function openSimulatedArduinoPort(arduino: SimulatedArduino, path: string): Promise<SimulatedPort> {
  const port = new SerialPort({ path, baudRate: 57600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  // A pty's other end may hang up first: that is the host quitting, not a fault of the board.
  port.on('error', () => {});
  arduino.attach(port);
  return {
    path,
    close: () => new Promise<void>((resolve) => {
      if (!port.isOpen) { resolve(); return; }
      port.close(() => resolve());
    }),
  };
}
