// The bench provider's ECMA-419 classes on a simulated StandardFirmata board, through firmata-io and johnny-five,
// over an in-memory line (the serial path itself is covered by serial-line.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Board } from '../../firmware/board/types';
import { connectFirmata, openBenchDevice, type BenchConnection, type BenchDevice } from '../../hal/providers/bench';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import type { Digital } from '../../hal/types';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../sim/firmata/arduino';
import { pressUntil, until } from './real-time';
import { createWire } from './wire';

const uno = loadBoard('arduino-uno');
const pinOf = (signal: string) => (uno.signals[signal] as { pin: number }).pin;

let clock: WallClock, arduino: SimulatedArduino, connection: BenchConnection | undefined;

async function bench(board: Board = uno, mcu = 'atmega328p'): Promise<BenchDevice> {
  clock = new WallClock();
  arduino = createSimulatedArduino({ board: uno, mcu: loadMcu(mcu), clock });
  const wire = createWire();
  arduino.attach(wire.board);
  connection = await connectFirmata(wire.host, { name: 'wire', askAfterMs: 20, timeoutMs: 10_000 });
  return openBenchDevice({ board, io: connection.io });
}

afterEach(async () => {
  await connection?.close();
  connection = undefined;
  arduino?.close();
  clock?.stop();
});

describe('the bench device', () => {
  it('reads an idle button high through its pull-up from the first read', async () => {
    const device = await bench();
    const button = new device.io.Digital({ pin: pinOf('airlock A button 1'), mode: device.io.Digital.InputPullUp });
    expect(button.read()).toBe(1);
  });

  it('calls onReadable, with the pin as this, on the falling edge of a press', async () => {
    const device = await bench();
    const seen: { pin: Digital; level: number }[] = [];
    const button: Digital = new device.io.Digital({
      pin: pinOf('airlock A button 1'), mode: device.io.Digital.InputPullUp, edge: device.io.Digital.Falling,
      onReadable(this: Digital) { seen.push({ pin: this, level: this.read() }); },
    });
    expect(await pressUntil(arduino, 'airlock A button 1', () => seen.length > 0)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].pin).toBe(button);
    expect(seen[0].level).toBe(0);
  });

  it('drives an output pin on the board', async () => {
    const device = await bench();
    const pump = new device.io.Digital({ pin: pinOf('airlock A pump'), mode: device.io.Digital.Output });
    pump.write(1);
    expect(await until(() => arduino.firmata.pin(pinOf('airlock A pump'))!.value === 1)).toBe(true);
    expect(arduino.model.airlocks.A.pumpOn).toBe(true);
  });

  it('reads the chamber potentiometer as 10-bit counts', async () => {
    const device = await bench();
    const chamber = new device.io.Analog({ pin: pinOf('airlock A chamber pressure') });
    expect(chamber.resolution).toBe(10);
    expect(chamber.read()).toBeGreaterThan(860);
    expect(chamber.read()).toBeLessThan(870);
  });

  it('writes 8-bit PWM to a PWM pin the board file gives an output', async () => {
    // The beeper on D3, a PWM pin, to sound softer: the Uno's file has button 2 there, so it moves to A3.
    const dimmed: Board = { ...uno, signals: { ...uno.signals, beeper: { pin: 3 }, 'airlock A button 2': { pin: 17, activeLow: true, pullUp: true } } };
    const device = await bench(dimmed);
    const pwm = new device.io.PWM({ pin: 3 });
    expect(pwm.resolution).toBe(8);
    pwm.write(200);
    expect(await until(() => arduino.firmata.pin(3)!.value === 200)).toBe(true);
  });

  it('refuses a pin the board file does not wire, naming the pin and the board', async () => {
    const device = await bench();
    expect(() => new device.io.Digital({ pin: 18, mode: device.io.Digital.Output })).toThrow('bench: board "arduino-uno": pin 18 (not wired on this board): cannot open a Digital');
  });

  it('refuses an output on a pin the board file wires to a button', async () => {
    const device = await bench();
    expect(() => new device.io.Digital({ pin: pinOf('airlock A button 1'), mode: device.io.Digital.Output }))
      .toThrow('pin 2 (airlock A button 1): cannot open a Digital output on an input');
  });

  it('refuses a pull-down, which an AVR does not have', async () => {
    const device = await bench();
    expect(() => new device.io.Digital({ pin: pinOf('airlock A button 1'), mode: device.io.Digital.InputPullDown })).toThrow('no pull-down');
  });

  it('refuses the Mega board file on an Uno, naming a pin the Uno does not have', async () => {
    await expect(bench(loadBoard('arduino-mega'))).rejects.toThrow(/reports 20 pins, so it has no pin \d+/);
  });
});
