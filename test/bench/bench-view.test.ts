// What bench:board shows and does with keys: the simulator's terminal view over the bench's pins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startController, type Controller } from '../../firmware/controller';
import { connectFirmata, openBenchDevice, type BenchConnection, type BenchDevice } from '../../hal/providers/bench';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { benchReadings, handleBenchKey } from '../../scripts/lib/bench-view';
import { createSimulatedArduino, type SimulatedArduino } from '../../emulators/firmata/arduino';
import { renderScreen } from '../../views/terminal/screen';
import type { ScreenState } from '../../views/terminal/screen-types';
import { pressUntil, until } from './real-time';
import { createWire } from './wire';

const board = loadBoard('arduino-uno');
let clock: WallClock, arduino: SimulatedArduino, connection: BenchConnection, device: BenchDevice, controller: Controller;
const screen: ScreenState = { speed: 1, paused: false, message: '', recent: [], title: 'Launch bay bench' };
const render = () => renderScreen({ clock, controller, model: benchReadings(board, device) }, screen, false);

beforeEach(async () => {
  clock = new WallClock();
  arduino = createSimulatedArduino({ board, mcu: loadMcu('atmega328p'), clock, physics: { constants: { airlockDoorTravelMs: 400 } } });
  const wire = createWire();
  arduino.attach(wire.board);
  connection = await connectFirmata(wire.host, { name: 'wire', askAfterMs: 20, timeoutMs: 10_000 });
  device = await openBenchDevice({ board, io: connection.io });
  controller = startController({ board, device, clock });
  expect(await until(() => controller.started)).toBe(true);
});

afterEach(async () => {
  controller?.stop();
  await connection?.close();
  arduino?.close();
  clock?.stop();
});

describe('the bench view', () => {
  it('shows the airlock closed by its limit switches, and the chamber through the board file\'s calibration', () => {
    const text = render();
    expect(text).toMatch(/^Launch bay bench .* board arduino-uno/);
    expect(text).toMatch(/Airlock A +closed pressurized .* chamber +10[01]\.\d kPa/);
    expect(text).toContain('outer [..........]   0%   inner [..........]   0%');
  });

  it('shows the inner door open once its open limit switch closes', async () => {
    expect(await pressUntil(arduino, 'airlock A button 3', () => controller.machines['airlock A']!.state !== 'closed pressurized')).toBe(true);
    expect(await until(() => controller.machines['airlock A']!.state === 'inner open')).toBe(true);
    expect(render()).toContain('inner [##########] 100%');
  });

  it('sends the keys of a button to the rig instead', () => {
    expect(handleBenchKey(controller, undefined, '3', { jam: false })).toBe('airlock A button 3 is on the rig: press the real one');
  });

  it('asks for --hybrid before injecting a fault into physics it does not have', () => {
    expect(handleBenchKey(controller, undefined, 'l', { jam: false })).toMatch(/--hybrid/);
  });

  it('says so when the board does not host the battle deck', () => {
    expect(handleBenchKey(controller, undefined, 'A', { jam: false })).toBe('board arduino-uno does not host the battle deck');
  });
});
