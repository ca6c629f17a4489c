// A digital write lost on the line (Firmata has no acknowledgements) must not leave an output where the controller
// no longer wants it: the bench writes each output's port again every REFRESH_MS while the output is open.
import { afterEach, describe, expect, it } from 'vitest';
import { connectFirmata, openBenchDevice, type BenchConnection } from '../../hal/providers/bench';
import { REFRESH_MS } from '../../hal/providers/bench/refresh';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import type { Digital } from '../../hal/types';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../sim/firmata/arduino';
import { until } from './real-time';
import { createWire } from './wire';

const uno = loadBoard('arduino-uno');
const pump = (uno.signals['airlock A pump'] as { pin: number }).pin;

let clock: WallClock, arduino: SimulatedArduino, connection: BenchConnection, output: Digital | undefined;
/** The host's messages, one write each; those `lose` returns true for never reach the board. */
let sent: number[][], lose: (message: number[]) => boolean;

afterEach(async () => {
  output?.close();
  output = undefined;
  await connection?.close();
  arduino?.close();
  clock?.stop();
});

async function openPump(): Promise<Digital> {
  clock = new WallClock();
  arduino = createSimulatedArduino({ board: uno, mcu: loadMcu('atmega328p'), clock });
  const wire = createWire();
  arduino.attach(wire.board);
  sent = [];
  lose = () => false;
  const write = wire.host.write.bind(wire.host);
  wire.host.write = (data, callback) => {
    sent.push([...data]);
    if (lose([...data])) { callback?.(); return true; }
    return write(data, callback);
  };
  connection = await connectFirmata(wire.host, { name: 'wire', askAfterMs: 20, timeoutMs: 10_000 });
  const device = await openBenchDevice({ board: uno, io: connection.io });
  output = new device.io.Digital({ pin: pump, mode: device.io.Digital.Output });
  return output;
}

const atBoard = () => arduino.firmata.pin(pump)!.value;
const portWrites = () => sent.filter((m) => m[0] === (0x90 | (pump >> 3))).length;

describe('a bench output', () => {
  it('reaches the level last written within a refresh, though the write that set it was lost', async () => {
    const out = await openPump();
    out.write(1);
    expect(await until(() => atBoard() === 1, 2000)).toBe(true);
    let lost = false;
    lose = (m) => !lost && m[0] === (0x90 | (pump >> 3)) && (lost = true);
    out.write(0);
    expect(lost).toBe(true);
    expect(atBoard()).toBe(1);
    expect(await until(() => atBoard() === 0, 4 * REFRESH_MS)).toBe(true);
  });

  it('is written no more once closed', async () => {
    const out = await openPump();
    out.write(1);
    expect(await until(() => portWrites() >= 2, 4 * REFRESH_MS)).toBe(true);
    out.close();
    output = undefined;
    const after = portWrites();
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS));
    expect(portWrites()).toBe(after);
  });
});
