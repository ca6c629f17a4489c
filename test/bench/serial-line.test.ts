// The bench end to end without hardware: a simulated StandardFirmata board on one end of a pseudo-terminal pair,
// and on the other end serialport, firmata-io, johnny-five, the bench provider, the HAL drivers and the controller.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startController, type Controller } from '../../firmware/controller';
import { connectBench, openBenchDevice, type BenchConnection } from '../../hal/providers/bench';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../emulators/firmata/arduino';
import { openSimulatedArduinoPort, type SimulatedPort } from '../../emulators/firmata/serial-port';
import { openPtyPair, type PtyPair } from '../../emulators/firmata/pty-pair';
import { pressUntil, until } from './real-time';

const board = loadBoard('arduino-uno');
const innerDoor = board.signals['airlock A inner door'] as { dir: number; enable: number };
const openLimit = (board.signals['airlock A inner door open limit'] as { pin: number }).pin;

let pty: PtyPair, clock: WallClock, arduino: SimulatedArduino, boardPort: SimulatedPort;
let connection: BenchConnection, controller: Controller, logged: string[];

beforeEach(async () => {
  pty = await openPtyPair();
  clock = new WallClock();
  logged = [];
  // A quick door, so the test waits well under a second for it in real time.
  arduino = createSimulatedArduino({ board, mcu: loadMcu('atmega328p'), clock, physics: { constants: { airlockDoorTravelMs: 400 } } });
  boardPort = await openSimulatedArduinoPort(arduino, pty.board);
  // A generous handshake limit: under load the first answer can be slow, and this test is not about the limit.
  connection = await connectBench(pty.host, { askAfterMs: 20, timeoutMs: 10_000, log: (l) => logged.push(l) });
  const device = await openBenchDevice({ board, io: connection.io });
  controller = startController({ board, device, clock });
  expect(await until(() => controller.started && controller.machines['airlock A']!.state === 'closed pressurized')).toBe(true);
});

afterEach(async () => {
  controller?.stop();
  await connection?.close();
  arduino?.close();
  await boardPort?.close();
  clock?.stop();
  await pty?.close();
});

describe('the bench over a serial line', () => {
  it('opens the inner door when a physical button asks for it: motor pins, limit switch, machine state', async () => {
    expect(await pressUntil(arduino, 'airlock A button 3', () => arduino.firmata.pin(innerDoor.enable)!.value === 1)).toBe(true);
    expect(arduino.firmata.pin(innerDoor.dir)!.value).toBe(1);
    // The open limit switch closes to ground: the host sees the pin go low through Firmata.
    expect(await until(() => connection.io.pins[openLimit].value === 0)).toBe(true);
    expect(await until(() => controller.machines['airlock A']!.state === 'inner open')).toBe(true);
    expect(await until(() => arduino.firmata.pin(innerDoor.enable)!.value === 0)).toBe(true);
  });

  it('logs bad bytes on the line and keeps the controller running', async () => {
    arduino.inject([0x12, 0x34, 0xf0, 0x6e, 0x7f, 0x01, 0xf7, 0x93, 0x01]);
    expect(await until(() => logged.length >= 3)).toBe(true);
    expect(logged.join('\n')).toMatch(/ignored 0x12 0x34: data bytes outside any message/);
    expect(logged.join('\n')).toMatch(/ignored 0xF0 0x6E 0x7F 0x01 0xF7: the Firmata client failed on it/);
    expect(await pressUntil(arduino, 'airlock A button 3', () => controller.machines['airlock A']!.state === 'opening inner')).toBe(true);
    expect(await until(() => controller.machines['airlock A']!.state === 'inner open')).toBe(true);
  });
});
