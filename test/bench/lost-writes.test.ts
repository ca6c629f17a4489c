// A digital write lost on the line (Firmata has no acknowledgements) must not leave an output where the controller
// no longer wants it: the bench writes each output's port again every REFRESH_MS while the output is open.
import { afterEach, describe, expect, it } from 'vitest';
import { openBenchDevice } from '../../hal/providers/bench';
import { REFRESH_MS } from '../../hal/providers/bench/refresh';
import type { Digital } from '../../hal/types';
import { loadBoard } from '../../scripts/lib/board-file';
import { until } from './real-time';
import { connectWiredArduino, losing, type WiredArduino } from './wired-arduino';

const uno = loadBoard('arduino-uno');
const pump = (uno.signals['airlock A pump'] as { pin: number }).pin;

let bench: WiredArduino, output: Digital | undefined;

afterEach(async () => {
  output?.close();
  output = undefined;
  await bench?.close();
});

async function openPump(): Promise<Digital> {
  bench = await connectWiredArduino(uno);
  const device = await openBenchDevice({ board: uno, io: bench.connection.io });
  output = new device.io.Digital({ pin: pump, mode: device.io.Digital.Output });
  return output;
}

const atBoard = () => bench.arduino.firmata.pin(pump)!.value;
const portWrites = () => bench.delivered.filter((m) => m[0] === (0x90 | (pump >> 3))).length;

describe('a bench output', () => {
  it('reaches the level last written within a refresh, though the write that set it was lost', async () => {
    const out = await openPump();
    out.write(1);
    expect(await until(() => atBoard() === 1, 2000)).toBe(true);
    bench.lose = losing((m) => m[0] === (0x90 | (pump >> 3)));
    out.write(0);
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
