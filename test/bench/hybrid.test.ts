// Hybrid mode: a rig with buttons and outputs but no limit switches or sensors; the physics stands in for them,
// following the board's real outputs as read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startController, type Controller } from '../../firmware/controller';
import { connectFirmata, openBenchDevice, type BenchConnection } from '../../hal/providers/bench';
import { createHybridDevice, simulatedInHybrid, type HybridDevice } from '../../hal/providers/bench/hybrid';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../sim/firmata/arduino';
import { LaunchBayModel } from '../../sim/physics';
import { pressUntil, until } from './real-time';
import { createWire } from './wire';

const board = loadBoard('arduino-uno');
const innerDoor = board.signals['airlock A inner door'] as { dir: number; enable: number };
const openLimit = (board.signals['airlock A inner door open limit'] as { pin: number }).pin;

let clock: WallClock, arduino: SimulatedArduino, connection: BenchConnection, hybrid: HybridDevice, controller: Controller, model: LaunchBayModel;

beforeEach(async () => {
  clock = new WallClock();
  // The rig has no limit switches and no potentiometers: those pins float on their pull-ups, or read 0.
  arduino = createSimulatedArduino({ board, mcu: loadMcu('atmega328p'), clock, lacks: simulatedInHybrid });
  const wire = createWire();
  arduino.attach(wire.board);
  connection = await connectFirmata(wire.host, { name: 'wire', askAfterMs: 20, timeoutMs: 10_000 });
  const real = await openBenchDevice({ board, io: connection.io });
  model = new LaunchBayModel({ constants: { airlockDoorTravelMs: 400 } });
  hybrid = createHybridDevice({ board, real, model, clock });
  controller = startController({ board, device: hybrid, clock });
  expect(await until(() => controller.started)).toBe(true);
});

afterEach(async () => {
  controller?.stop();
  hybrid?.stop();
  await connection?.close();
  arduino?.close();
  clock?.stop();
});

describe('the bench in hybrid mode', () => {
  it('starts the airlock from the physics: doors closed, chamber pressurized, though the rig has no switches', () => {
    expect(controller.machines['airlock A']!.state).toBe('closed pressurized');
  });

  it('moves the simulated door with the real motor pins and finishes on the simulated limit switch', async () => {
    expect(await pressUntil(arduino, 'airlock A button 3', () => arduino.firmata.pin(innerDoor.enable)!.value === 1)).toBe(true);
    expect(await until(() => model.airlocks.A.inner.motor === 1)).toBe(true);
    expect(await until(() => controller.machines['airlock A']!.state === 'inner open')).toBe(true);
    expect(model.airlocks.A.inner.position).toBeGreaterThanOrEqual(0.999);
    // The rig's own open limit pin never closed: the physics alone finished the movement.
    expect(connection.io.pins[openLimit].value).toBe(1);
  });

  it('stops the simulated motor when the real enable pin goes low', async () => {
    expect(await pressUntil(arduino, 'airlock A button 3', () => controller.machines['airlock A']!.state === 'opening inner')).toBe(true);
    expect(await until(() => controller.machines['airlock A']!.state === 'inner open')).toBe(true);
    expect(await until(() => model.airlocks.A.inner.motor === 0)).toBe(true);
  });
});
