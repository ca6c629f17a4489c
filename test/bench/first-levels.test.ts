// The levels a bench device starts from are the rig's, never what StandardFirmata says of a pin it has not yet been
// told is an input (it reports such a bit as 0, which an active-low switch reads as closed), nor what a report left
// over from the last session said. The simulated board answers every message on its own turn of the event loop, as
// a USB line delivers them in packets, so a device that took the first report of a port as its pins' first levels
// would start from them here. And the line may lose any message: Firmata has no acknowledgements.
import type { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Board } from '../../firmware/board/types';
import { startController, type Controller, type ControllerReport } from '../../firmware/controller';
import { openBenchDevice, type BenchDevice } from '../../hal/providers/bench';
import { loadBoard } from '../../scripts/lib/board-file';
import { until } from './real-time';
import { connectWiredArduino, losing, type WiredArduino } from './wired-arduino';

const uno = loadBoard('arduino-uno');
/**
 * The Uno's board file with its analog input first: the inner door's limit switches (pins 12 and 15) are then the
 * last inputs set up, on port 1, whose reporting pin 8 turned on before pin 12 was an input.
 */
const analogFirst: Board = (() => {
  const { 'airlock A chamber pressure': chamber, ...rest } = uno.signals;
  return { ...uno, signals: { 'airlock A chamber pressure': chamber!, ...rest } };
})();
const pinOf = (name: string) => (uno.signals[name] as { pin: number }).pin;
const inputs = Object.keys(uno.signals).filter((n) => / (limit|button \d)$/.test(n));

let bench: WiredArduino, controller: Controller | undefined;
/** `pullUpMode` false: StandardFirmata before 2.5, where a pull-up is an input written high. */
const connect = async (board: Board, o: { pullUpMode?: boolean } = {}) => { bench = await connectWiredArduino(board, o); };
/** Every byte that reached the board. */
const sent = () => bench.delivered.flat();

/** The pins named in the set-pin-mode messages (0xF4 pin mode) among `bytes`. */
const modesSet = (bytes: number[]) => bytes.flatMap((b, i) => (b === 0xf4 ? [bytes[i + 1]!] : []));

/** What the rig drives on each input, read as the board reads it (pull-ups on). */
const rigLevels = () => Object.fromEntries(inputs.map((n) => [n, bench.arduino.rig.read(pinOf(n), true) ? 1 : 0]));
/** The inputs whose pull-up is off at the board. */
const pullUpsOff = () => inputs.filter((n) => !bench.arduino.firmata.pin(pinOf(n))!.pullUp);
const levels = (device: BenchDevice) => Object.fromEntries(inputs.map((n) => [n, device.level(pinOf(n))]));

afterEach(async () => {
  controller?.stop();
  controller = undefined;
  await bench?.close();
});

describe('a bench device\'s first levels', () => {
  it('are the rig\'s, though a port reported before all its inputs were set up', async () => {
    await connect(analogFirst);
    const device = await openBenchDevice({ board: analogFirst, io: bench.connection.io });
    expect(levels(device)).toEqual(rigLevels());
    const reports: ControllerReport[] = [];
    controller = startController({ board: analogFirst, device, clock: bench.clock, onReport: (r) => reports.push(r) });
    expect(await until(() => controller!.started)).toBe(true);
    expect(controller.machines['airlock A']!.state).toBe('closed pressurized');
    expect(reports.filter((r) => r.kind === 'fault')).toEqual([]);
  });

  it('are not a report the board sent before the device reset it', async () => {
    await connect(analogFirst);
    const io = bench.connection.io;
    // The last session left the inner door's open limit an input with no pull-up (a floating 0), reporting.
    io.pinMode(pinOf('airlock A inner door open limit'), io.MODES.INPUT);
    io.digitalRead(pinOf('airlock A inner door open limit'), () => {});
    const device = await openBenchDevice({ board: analogFirst, io });
    expect(device.level(pinOf('airlock A inner door open limit'))).toBe(1);
    expect(levels(device)).toEqual(rigLevels());
  });

  it('are not disturbed when the controller opens its drivers: each input keeps the mode and pull-up it was given', async () => {
    // Before 2.5 a pull-up is an input written high, reached through a plain input, whose pull-up the firmware turns off.
    await connect(uno, { pullUpMode: false });
    const device = await openBenchDevice({ board: uno, io: bench.connection.io });
    const primed = sent().length;
    controller = startController({ board: uno, device, clock: bench.clock });
    expect(await until(() => controller!.started)).toBe(true);
    expect(modesSet(sent().slice(primed)).filter((pin) => inputs.some((n) => pinOf(n) === pin))).toEqual([]);
    expect(pullUpsOff()).toEqual([]);
  });

  it('are set up again when a device is opened a second time on the same connection, after its reset', async () => {
    await connect(uno);
    await openBenchDevice({ board: uno, io: bench.connection.io });
    const again = await openBenchDevice({ board: uno, io: bench.connection.io });
    expect(pullUpsOff()).toEqual([]);
    expect(levels(again)).toEqual(rigLevels());
  });

  // Firmata has no acknowledgements: a message that loses a byte on the line is never answered.
  const losses: [string, (m: number[]) => boolean, ((i: number) => boolean)?][] = [
    ['the inner door open limit\'s mode', (m) => m[0] === 0xf4 && m[1] === pinOf('airlock A inner door open limit')],
    ['the request for port 1\'s reports', (m) => m[0] === 0xd1],
    ['the request for the chamber\'s reports', (m) => m[0] === 0xc0],
    ['the answer to a pin-state query (its question lost)', (m) => m[0] === 0xf0 && m[1] === 0x6d],
  ];
  it.each(losses)('are the rig\'s though the line lost %s', async (_, matches, which) => {
    await connect(uno);
    bench.lose = losing(matches, which);
    const device = await openBenchDevice({ board: uno, io: bench.connection.io });
    expect(levels(device)).toEqual(rigLevels());
    expect(pullUpsOff()).toEqual([]);
  });

  it('turn a pull-up on again, the old way, when the write that turned it on was lost', async () => {
    await connect(uno, { pullUpMode: false });
    bench.lose = losing((m) => m[0] === 0x91);
    const device = await openBenchDevice({ board: uno, io: bench.connection.io });
    expect(pullUpsOff()).toEqual([]);
    expect(levels(device)).toEqual(rigLevels());
  });

  it('never drive an input high the old way while the board still has it an output, its mode lost', async () => {
    await connect(uno, { pullUpMode: false });
    const limit = pinOf('airlock A inner door open limit');
    const driven: number[] = [];
    const drive = bench.arduino.rig.drive.bind(bench.arduino.rig);
    bench.arduino.rig.drive = (pin, level, pwm) => { if (pin === limit) driven.push(level); drive(pin, level, pwm); };
    bench.lose = losing((m) => m[0] === 0xf4 && m[1] === limit);
    const device = await openBenchDevice({ board: uno, io: bench.connection.io });
    expect(driven.filter((level) => level !== 0)).toEqual([]);
    expect(pullUpsOff()).toEqual([]);
    expect(levels(device)).toEqual(rigLevels());
  });

  it('are given up on, naming the pins, when the board never confirms an input', async () => {
    await connect(uno);
    bench.lose = (m) => m[0] === 0xf4 && m[1] === pinOf('airlock A inner door open limit');
    await expect(openBenchDevice({ board: uno, io: bench.connection.io, timeoutMs: 1000 }))
      .rejects.toThrow('bench: the board never confirmed these pins as inputs within 1 s: 12 (airlock A inner door open limit)');
  });

  it('leave no question behind when they give up, and a second try on the same connection sets them up', async () => {
    await connect(uno);
    const limit = pinOf('airlock A inner door open limit');
    bench.lose = (m) => m[0] === 0xf0 && m[1] === 0x6d && m[2] === limit;
    await expect(openBenchDevice({ board: uno, io: bench.connection.io, timeoutMs: 600 })).rejects.toThrow(/never confirmed/);
    const events = bench.connection.io as unknown as EventEmitter;
    expect(events.listenerCount(`pin-state-${limit}`)).toBe(0);
    bench.lose = () => false;
    const device = await openBenchDevice({ board: uno, io: bench.connection.io, timeoutMs: 2000 });
    expect(levels(device)).toEqual(rigLevels());
    expect(events.listenerCount(`pin-state-${limit}`)).toBe(0);
  });
});
