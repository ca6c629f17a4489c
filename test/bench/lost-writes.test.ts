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

/** Opens `pin` (the pump's by default) as an output; `pullUpMode` false: StandardFirmata before 2.5. */
async function openOutput(o: { pin?: number; pullUpMode?: boolean; lose?: (m: number[]) => boolean } = {}): Promise<Digital> {
  bench = await connectWiredArduino(uno, { pullUpMode: o.pullUpMode });
  const device = await openBenchDevice({ board: uno, io: bench.connection.io });
  if (o.lose) bench.lose = o.lose;
  output = new device.io.Digital({ pin: o.pin ?? pump, mode: device.io.Digital.Output });
  return output;
}
const openPump = () => openOutput();
const inputs = Object.keys(uno.signals).filter((n) => / (limit|button \d)$/.test(n));
const pinOf = (name: string) => (uno.signals[name] as { pin: number }).pin;

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

  it('is made an output again when the board never heard its mode', async () => {
    // The vent's pin is A2 on the Uno, which the reset leaves an analog input, deaf to digital writes.
    const vent = pinOf('airlock A vent');
    const out = await openOutput({ pin: vent, lose: losing((m) => m[0] === 0xf4 && m[1] === vent) });
    out.write(1);
    expect(await until(() => bench.arduino.firmata.pin(vent)!.value === 1, 8 * REFRESH_MS)).toBe(true);
  });

  it('keeps every pull-up the old way on through its rounds (StandardFirmata before 2.5 reads an input\'s 0 as off)', async () => {
    const out = await openOutput({ pullUpMode: false });
    out.write(1);
    // A report of the port comes between (a switch moved): firmata-io takes its closed switches' 0s into the port.
    bench.connection.io.reportDigitalPin(pump, 1);
    const opened = portWrites();
    expect(await until(() => portWrites() >= opened + 2, 6 * REFRESH_MS)).toBe(true);
    expect(inputs.filter((n) => !bench.arduino.firmata.pin(pinOf(n))!.pullUp)).toEqual([]);
  });

  it('is left low by a connection that closes, though its last write was lost', async () => {
    const out = await openPump();
    out.write(1);
    expect(await until(() => atBoard() === 1, 2000)).toBe(true);
    bench.lose = (m) => m[0] === (0x90 | (pump >> 3));
    out.write(0);
    out.close();
    output = undefined;
    await bench.connection.close();
    expect(await until(() => atBoard() === 0, 1000)).toBe(true);
  });
});
