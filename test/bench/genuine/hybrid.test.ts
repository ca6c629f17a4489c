// Hybrid mode on the genuine StandardFirmata (an emulated Uno behind a pty): a rig with buttons and outputs but no
// limit switches or sensors; the physics stands in for them, following the board's real outputs as read back. One
// board serves both tests; each starts its own controller. Takes about 10–15 s of wall time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startController, type Controller } from '../../../firmware/controller';
import { connectBench, openBenchDevice, type BenchConnection } from '../../../hal/providers/bench';
import { createHybridDevice, simulatedInHybrid, type HybridDevice } from '../../../sim/hybrid';
import { WallClock } from '../../../hal/providers/bench/wall-clock';
import { loadBoard } from '../../../scripts/lib/board-file';
import { startEmulatedBoard, type EmulatedBoard } from '../../../emulators/avr/emulated-board';
import { LaunchBayModel } from '../../../sim/physics';
import { pressAgainUntil, until } from '../real-time';

const board = loadBoard('arduino-uno');
const innerDoor = board.signals['airlock A inner door'] as { dir: number; enable: number };
const openLimit = (board.signals['airlock A inner door open limit'] as { pin: number }).pin;

let rigClock: WallClock, rigModel: LaunchBayModel, emulated: EmulatedBoard, connection: BenchConnection;
let clock: WallClock | undefined, hybrid: HybridDevice | undefined, controller: Controller | undefined, model: LaunchBayModel;

beforeAll(async () => {
  rigClock = new WallClock();
  // The rig: its buttons, in a model of their own; no limit switches, no potentiometers (those pins float on their
  // pull-ups, or read 0 V).
  rigModel = new LaunchBayModel();
  emulated = await startEmulatedBoard({ board, model: rigModel, lacks: simulatedInHybrid });
  rigClock.set(() => { rigModel.step(20); emulated.sync(); }, 20, 20);
  connection = await connectBench(emulated.port, { timeoutMs: 60_000 });
});

afterAll(async () => {
  await connection?.close();
  rigClock?.stop();
  await emulated?.close();
});

async function start(): Promise<Controller> {
  clock = new WallClock();
  const real = await openBenchDevice({ board, io: connection.io, timeoutMs: 10_000 });
  model = new LaunchBayModel({ constants: { airlockDoorTravelMs: 400 } });
  hybrid = createHybridDevice({ board, real, model, clock });
  controller = startController({ board, device: hybrid, clock });
  expect(await until(() => controller!.started, 20_000)).toBe(true);
  return controller;
}

afterEach(() => {
  controller?.stop();
  hybrid?.stop();
  clock?.stop();
  rigModel.buttons['airlock A button 3'] = false;
});

const pressUntil = (button: string, condition: () => boolean) => pressAgainUntil(rigModel.buttons, button, condition, 20_000);

describe('the bench in hybrid mode, on genuine StandardFirmata', () => {
  it('starts the airlock from the physics, though the rig has no switches, then moves the simulated door with the real motor pins', async () => {
    const c = await start();
    expect(c.machines['airlock A']!.state).toBe('closed pressurized');
    expect(await pressUntil('airlock A button 3', () => emulated.chip.levels[innerDoor.enable] === 1)).toBe(true);
    expect(emulated.chip.levels[innerDoor.dir]).toBe(1);
    expect(await until(() => model.airlocks.A.inner.motor === 1, 10_000)).toBe(true);
    expect(await until(() => c.machines['airlock A']!.state === 'inner open', 10_000)).toBe(true);
    expect(model.airlocks.A.inner.position).toBeGreaterThanOrEqual(0.999);
    // The rig's own open limit pin never closed: the physics alone finished the movement.
    expect(connection.io.pins[openLimit]!.value).toBe(1);
  });

  it('stops the simulated motor when the real enable pin goes low', async () => {
    const c = await start();
    expect(await pressUntil('airlock A button 3', () => c.machines['airlock A']!.state === 'opening inner')).toBe(true);
    expect(await until(() => c.machines['airlock A']!.state === 'inner open', 10_000)).toBe(true);
    expect(await until(() => emulated.chip.levels[innerDoor.enable] === 0, 10_000)).toBe(true);
    expect(await until(() => model.airlocks.A.inner.motor === 0, 10_000)).toBe(true);
  });
});
