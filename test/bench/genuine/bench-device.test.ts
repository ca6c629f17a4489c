// The bench provider's ECMA-419 classes on the genuine StandardFirmata (an emulated Uno behind a pty, its rig wired to
// the physics), through serialport, firmata-io and johnny-five; what each pin does is checked at the AVR. One board
// serves every test; each opens the device afresh (a Firmata reset). Takes about 10–15 s of wall time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../../firmware/board/types';
import { connectBench, openBenchDevice, type BenchConnection, type BenchDevice } from '../../../hal/providers/bench';
import { WallClock } from '../../../hal/providers/bench/wall-clock';
import type { Digital } from '../../../hal/types';
import { loadBoard } from '../../../scripts/lib/board-file';
import { startEmulatedBoard, type EmulatedBoard } from '../../../emulators/avr/emulated-board';
import { LaunchBayModel } from '../../../sim/physics';
import { until } from '../real-time';

const uno = loadBoard('arduino-uno');
const pinOf = (signal: string) => (uno.signals[signal] as { pin: number }).pin;

let clock: WallClock, model: LaunchBayModel, board: EmulatedBoard, connection: BenchConnection;
const held: Digital[] = [];

beforeAll(async () => {
  clock = new WallClock();
  model = new LaunchBayModel();
  board = await startEmulatedBoard({ board: uno, model });
  clock.set(() => { model.step(20); board.sync(); }, 20, 20);
  connection = await connectBench(board.port, { timeoutMs: 60_000 });
});

afterAll(async () => {
  await connection?.close();
  clock?.stop();
  await board?.close();
});

afterEach(() => { for (const d of held.splice(0)) d.close(); model.buttons['airlock A button 1'] = false; });

const device = (file: Board = uno): Promise<BenchDevice> => openBenchDevice({ board: file, io: connection.io, timeoutMs: 10_000 });

describe('the bench device on genuine StandardFirmata', () => {
  it('reads an idle button high through its pull-up from the first read, the pin an input at the chip', async () => {
    const d = await device();
    const button = new d.io.Digital({ pin: pinOf('airlock A button 1'), mode: d.io.Digital.InputPullUp });
    held.push(button);
    expect(button.read()).toBe(1);
    expect(board.chip.levels[pinOf('airlock A button 1')]).toBe(-1);
  });

  it('calls onReadable, with the pin as this, on the falling edge of a press', async () => {
    const d = await device();
    const seen: { pin: Digital; level: number }[] = [];
    const button: Digital = new d.io.Digital({
      pin: pinOf('airlock A button 1'), mode: d.io.Digital.InputPullUp, edge: d.io.Digital.Falling,
      onReadable(this: Digital) { seen.push({ pin: this, level: this.read() }); },
    });
    held.push(button);
    model.buttons['airlock A button 1'] = true;
    expect(await until(() => seen.length > 0, 10_000)).toBe(true);
    expect(seen[0]!.pin).toBe(button);
    expect(seen[0]!.level).toBe(0);
  });

  it('drives an output pin at the chip, and the pump it switches', async () => {
    const d = await device();
    const pump = new d.io.Digital({ pin: pinOf('airlock A pump'), mode: d.io.Digital.Output });
    held.push(pump);
    pump.write(1);
    expect(await until(() => board.chip.levels[pinOf('airlock A pump')] === 1, 10_000)).toBe(true);
    expect(await until(() => model.airlocks.A.pumpOn, 2000)).toBe(true);
    pump.write(0);
    expect(await until(() => board.chip.levels[pinOf('airlock A pump')] === 0, 10_000)).toBe(true);
  });

  it('reads the chamber through the chip\'s 10-bit ADC and the board\'s calibration', async () => {
    const d = await device();
    const chamber = new d.io.Analog({ pin: pinOf('airlock A chamber pressure') });
    expect(chamber.resolution).toBe(10);
    // 101.3 kPa of 120 over 0–1023 counts: 863, give or take the sensor's noise.
    expect(chamber.read()).toBeGreaterThan(858);
    expect(chamber.read()).toBeLessThan(868);
  });

  it('writes 8-bit PWM to a PWM pin the board file gives an output, which the chip then drives', async () => {
    // The beeper on D3, a PWM pin, to sound softer: the Uno's file has button 2 there, so it moves to A3.
    const dimmed: Board = { ...uno, signals: { ...uno.signals, beeper: { pin: 3 }, 'airlock A button 2': { pin: 17, activeLow: true, pullUp: true } } };
    const d = await device(dimmed);
    const pwm = new d.io.PWM({ pin: 3 });
    expect(pwm.resolution).toBe(8);
    pwm.write(200);
    expect(await until(() => board.chip.levels[3] !== -1, 10_000)).toBe(true);
    pwm.close?.();
  });

  it('refuses a pin the board file does not wire, naming the pin and the board', async () => {
    const d = await device();
    expect(() => new d.io.Digital({ pin: 18, mode: d.io.Digital.Output })).toThrow('bench: board "arduino-uno": pin 18 (not wired on this board): cannot open a Digital');
  });

  it('refuses an output on a pin the board file wires to a button, and a pull-down, which an AVR does not have', async () => {
    const d = await device();
    expect(() => new d.io.Digital({ pin: pinOf('airlock A button 1'), mode: d.io.Digital.Output }))
      .toThrow('pin 2 (airlock A button 1): cannot open a Digital output on an input');
    expect(() => new d.io.Digital({ pin: pinOf('airlock A button 1'), mode: d.io.Digital.InputPullDown })).toThrow('no pull-down');
  });

  it('refuses the Mega board file on an Uno, naming a pin the Uno does not have', async () => {
    await expect(device(loadBoard('arduino-mega'))).rejects.toThrow(/reports 20 pins, so it has no pin \d+/);
  });
});
