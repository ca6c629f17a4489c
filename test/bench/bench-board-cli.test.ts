// `npm run bench:board` as an engineer runs it: its exits on a bad port, and a real-time run against the simulated
// board on a pseudo-terminal, read from its timeline.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../hal/providers/bench/wall-clock';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../emulators/firmata/arduino';
import { openSimulatedArduinoPort, type SimulatedPort } from '../../emulators/firmata/serial-port';
import { openPtyPair, type PtyPair } from '../../emulators/firmata/pty-pair';
import { serialNodes } from '../../scripts/lib/serial-ports';
import { pressUntil, until } from './real-time';

interface Run { child: ChildProcess; out: string[]; err: string[]; code?: number | null }

const runs: Run[] = [];
let pty: PtyPair | undefined, clock: WallClock | undefined, arduino: SimulatedArduino | undefined, boardPort: SimulatedPort | undefined;

function benchBoard(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-board.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { child, out: [], err: [] };
  child.stdout!.on('data', (b: Buffer) => run.out.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => run.err.push(b.toString()));
  child.on('exit', (code) => { run.code = code; });
  runs.push(run);
  return run;
}

const exited = (run: Run) => until(() => run.code !== undefined, 20_000);

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.code === undefined) { run.child.kill('SIGKILL'); await exited(run); }
  }
  arduino?.close();
  await boardPort?.close();
  clock?.stop();
  await pty?.close();
  arduino = boardPort = clock = pty = undefined;
});

describe('npm run bench:board', () => {
  it('exits with code 2, naming the port, when the port does not exist', async () => {
    const run = benchBoard('--board', 'arduino-uno', '--port', '/dev/no-such-bench-port');
    expect(await exited(run)).toBe(true);
    expect(run.code).toBe(2);
    expect(run.err.join('')).toContain('port /dev/no-such-bench-port: no such port');
  });

  it('exits with code 2, naming the port, when nothing answers Firmata on it', async () => {
    pty = await openPtyPair();
    const run = benchBoard('--board', 'arduino-uno', '--port', pty.host, '--timeout', '0.5');
    expect(await exited(run)).toBe(true);
    expect(run.code).toBe(2);
    expect(run.err.join('')).toContain(`port ${pty.host}: no Firmata answer within 0.5 s: waited for the board's version report`);
    expect(run.err.join('')).toContain('--timeout waits longer');
  });

  it('refuses a board whose parts need a UART, which StandardFirmata does not carry', async () => {
    const run = benchBoard('--board', 'sim', '--port', '/dev/null');
    expect(await exited(run)).toBe(true);
    expect(run.code).toBe(2);
    expect(run.err.join('')).toMatch(/bay door is wired "serial" \(a UART\)/);
  });

  it('lists the serial ports without udev, or says there are none', async () => {
    const run = benchBoard('--list');
    expect(await exited(run)).toBe(true);
    expect(run.code).toBe(0);
    const nodes = serialNodes();
    expect(run.out.join('').trim()).toBe(nodes.length ? nodes.join('\n') : 'no serial ports found (looked for /dev/ttyACM* and /dev/ttyUSB*): is the board plugged in?');
    expect(run.err.join('')).not.toContain('udevadm');
  });

  it('runs the controller against the board in real time and prints its timeline', async () => {
    pty = await openPtyPair();
    clock = new WallClock();
    arduino = createSimulatedArduino({ board: loadBoard('arduino-uno'), mcu: loadMcu('atmega328p'), clock, physics: { constants: { airlockDoorTravelMs: 400 } } });
    boardPort = await openSimulatedArduinoPort(arduino, pty.board);
    const run = benchBoard('--board', 'arduino-uno', '--port', pty.host, '--timeline', '--timeout', '20');
    const said = (text: string) => () => run.out.join('').includes(text);
    expect(await until(said('power off → closed pressurized'), 20_000)).toBe(true);
    expect(await pressUntil(arduino, 'airlock A button 3', said('closed pressurized → opening inner'))).toBe(true);
    expect(await until(said('opening inner → inner open'))).toBe(true);
    // A jammed door keeps its motor running while the airlock closes it: an output on when the bench stops.
    arduino.model.jam('airlock A inner');
    expect(await pressUntil(arduino, 'airlock A button 1', said('inner open → closing inner'))).toBe(true);
    const { enable } = loadBoard('arduino-uno').signals['airlock A inner door'] as { enable: number };
    expect(await until(() => arduino!.firmata.pin(enable)!.value === 1)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await exited(run)).toBe(true);
    expect(run.code).toBe(0);
    // SIGTERM, like Ctrl-C, stops the controller before letting go of the board: the motor is off.
    expect(await until(() => arduino!.firmata.pin(enable)!.value === 0)).toBe(true);
  });
});
