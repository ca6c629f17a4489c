// The simulated StandardFirmata board (emulators/firmata) on an in-memory wire whose host-to-board messages a test can
// watch and lose: Firmata has no acknowledgements, and a message lost on the line is never answered.
import type { Board } from '../../firmware/board/types';
import { connectFirmata, type BenchConnection } from '../../hal/providers/bench';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import { loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../emulators/firmata/arduino';
import { createWire } from './wire';

export interface WiredArduino {
  readonly clock: WallClock;
  readonly arduino: SimulatedArduino;
  readonly connection: BenchConnection;
  /** The messages (one host write each) that reached the board, from the handshake on. */
  readonly delivered: number[][];
  /** Once connected, the messages this returns true for are lost on the line (none at first). */
  lose: (message: number[]) => boolean;
  close(): Promise<void>;
}

/** `pullUpMode` false: StandardFirmata before 2.5, with no pull-up mode (a pull-up is an input written high). */
export async function connectWiredArduino(board: Board, o: { pullUpMode?: boolean } = {}): Promise<WiredArduino> {
  const clock = new WallClock();
  const arduino = createSimulatedArduino({ board, mcu: loadMcu(board.mcu), clock, pullUpMode: o.pullUpMode });
  const wire = createWire();
  arduino.attach(wire.board);
  const delivered: number[][] = [];
  let connected = false;
  const write = wire.host.write.bind(wire.host);
  wire.host.write = (data, callback) => {
    const message = [...data];
    if (connected && wired.lose(message)) { callback?.(); return true; }
    delivered.push(message);
    return write(data, callback);
  };
  const wired = {
    clock, arduino, delivered, lose: (_: number[]) => false,
    connection: undefined as unknown as BenchConnection,
    async close() {
      await wired.connection?.close();
      arduino.close();
      clock.stop();
    },
  };
  wired.connection = await connectFirmata(wire.host, { name: 'wire', askAfterMs: 20, timeoutMs: 10_000 });
  connected = true;
  return wired;
}

/** A `lose` that loses the messages `matches` whose place among them `which` picks (0 for the first). */
export function losing(matches: (message: number[]) => boolean, which: (index: number) => boolean = (i) => i === 0): (message: number[]) => boolean {
  let seen = 0;
  return (m) => matches(m) && which(seen++);
}
