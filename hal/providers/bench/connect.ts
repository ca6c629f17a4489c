// Connects to a bench board: opens the serial port with serialport (v13), puts firmata-io on it behind the line
// guard, and hands that IO to johnny-five, which reports "ready" once the board has described its pins.
import { existsSync } from 'node:fs';
import firmataIo from 'firmata-io';
import five from 'johnny-five';
import { SerialPort } from 'serialport';
import { resetBoard, type FirmataIo } from './io';
import { LineGuard, type ByteLine } from './line-guard';

/** Why the bench could not connect; `port` names the serial path. */
export class BenchPortError extends Error {
  constructor(readonly port: string, readonly problem: string) {
    super(`${port}: ${problem}`);
    this.name = 'BenchPortError';
  }
}

export interface FirmataConnectOptions {
  /** Names the line in messages, e.g. the port's path. */
  name: string;
  /**
   * How long the board has to answer the handshake, from the port's opening (default 10 s): a Uno resets as the port
   * opens, its bootloader waits about 1 s, and StandardFirmata blinks its version on pin 13 for about 2 s before it
   * answers; a clone's slower bootloader, or a loaded host, adds to that.
   */
  timeoutMs?: number;
  /**
   * How long to wait for the version report a board sends when it comes out of reset before asking for it (default
   * 1000 ms): an Arduino resets when the port opens, and bytes sent into its bootloader are lost, or worse.
   */
  askAfterMs?: number;
  /** Stray bytes and failed messages on the line. */
  log?(line: string): void;
}

export interface BenchConnection {
  /** johnny-five's view of the board's IO: what the bench provider drives. */
  readonly io: FirmataIo;
  /** johnny-five's Board around it. */
  readonly board: InstanceType<typeof five.Board>;
  readonly guard: LineGuard;
  /** Stops listening and closes the port (if the connection opened it). */
  close(): Promise<void>;
}

const FIRMATA_BAUD = 57600;
export const DEFAULT_HANDSHAKE_MS = 10_000;

/** Firmata over a line that is already open: a serial port, or any byte duplex (tests use an in-memory one). */
export function connectFirmata(line: ByteLine, o: FirmataConnectOptions, closeLine: () => Promise<void> = async () => {}): Promise<BenchConnection> {
  const log = o.log ?? (() => {});
  const timeoutMs = o.timeoutMs ?? DEFAULT_HANDSHAKE_MS;
  const guard = new LineGuard(line, log);
  const io = new firmataIo.Firmata(guard, { reportVersionTimeout: o.askAfterMs ?? 1000 }) as unknown as FirmataIo & { on(e: string, f: () => void): void };
  // A handler that threw left its half-parsed message behind; start the next one clean.
  guard.onHandlerError = () => { io.buffer.length = 0; };
  io.on('error', () => {});
  const board = new five.Board({ io, repl: false, debug: false, sigint: false, timeout: timeoutMs + 1000 });
  // What the board itself says (StandardFirmata's string messages, e.g. a pin mode it refused).
  board.on('string', (text) => log(`board: ${String(text)}`));
  board.on('warn', () => {});
  guard.announceOpen();
  const close = async () => {
    // Letting go of the board as after power-up, every output low, as the outputs' own last writes also asked: a
    // board left driving a motor keeps driving it.
    if (guard.isOpen) resetBoard(io);
    if (board.timer) clearTimeout(board.timer);
    // firmata-io's own timer would still ask for the version on a closed line.
    clearTimeout((io as { reportVersionTimeoutId?: ReturnType<typeof setTimeout> }).reportVersionTimeoutId);
    guard.detach();
    await closeLine();
  };
  // What the board has said so far, to say what was still awaited when time ran out.
  const heard = new Set<string>();
  for (const step of ['reportversion', 'queryfirmware', 'capability-query', 'analog-mapping-query']) io.on(step, () => heard.add(step));
  return ready({ io, board, guard, close }, o.name, timeoutMs, log, () => awaited(heard, io, timeoutMs));
}

const message = (e: unknown) => (e as { message?: string } | undefined)?.message ?? String(e);

/** What the handshake still waited for when `timeoutMs` ran out, and what to check. */
function awaited(heard: Set<string>, io: FirmataIo, timeoutMs: number): string {
  const within = `within ${timeoutMs / 1000} s`;
  if (!heard.has('reportversion')) {
    return `no Firmata answer ${within}: waited for the board's version report (a Uno sends it about 3 s after the port opens: ` +
      `its bootloader waits about 1 s, then StandardFirmata blinks its version on pin 13 for about 2 s); is StandardFirmata ` +
      `flashed on the board, at ${FIRMATA_BAUD} baud? --timeout waits longer`;
  }
  const firmware = `${io.firmware.name ?? 'the firmware'} ${io.firmware.version ? `${io.firmware.version.major}.${io.firmware.version.minor}` : ''}`.trim();
  const missing = !heard.has('queryfirmware') ? 'its firmware name' : !heard.has('capability-query') ? 'its pin capabilities' : 'its analog pin mapping';
  return `no complete Firmata answer ${within}: the board reported Firmata (${firmware}) but not ${missing}; is it StandardFirmata, or is the line dropping bytes?`;
}

/** Resolves on johnny-five's "ready"; an error or the timeout first closes the line and rejects, naming it. */
function ready(c: BenchConnection, name: string, timeoutMs: number, log: (line: string) => void, late: () => string): Promise<BenchConnection> {
  return new Promise<BenchConnection>((resolve, reject) => {
    let settled = false;
    const fail = (problem: string) => {
      // After "ready", errors are only logged: an unplugged board also closes the line, which its owner hears.
      if (settled) { log(`${name}: ${problem}`); return; }
      settled = true;
      clearTimeout(timer);
      void c.close().then(() => reject(new BenchPortError(name, problem)));
    };
    const timer = setTimeout(() => fail(late()), timeoutMs);
    c.board.on('error', (e) => fail(`johnny-five: ${message(e)}`));
    c.board.on('fail', (e) => fail(`johnny-five: ${message(e)}`));
    c.board.once('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(c);
    });
  });
}

/** Opens `path` with serialport at Firmata's baud rate and connects; every failure is a `BenchPortError` naming the port. */
export async function connectBench(path: string, o: Omit<FirmataConnectOptions, 'name'> & { baudRate?: number } = {}): Promise<BenchConnection> {
  // A COM port is not a file; anywhere else a serial port is a device node.
  if (process.platform !== 'win32' && !existsSync(path)) throw new BenchPortError(path, 'no such port (npm run bench:board -- --list shows the ports)');
  const port = new SerialPort({ path, baudRate: o.baudRate ?? FIRMATA_BAUD, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  } catch (e) {
    throw new BenchPortError(path, `cannot open: ${(e as Error).message}`);
  }
  // The last writes (every output off, as the controller stops) leave the UART before the port closes.
  const closePort = () => new Promise<void>((resolve) => {
    if (!port.isOpen) { resolve(); return; }
    port.drain(() => port.close(() => resolve()));
  });
  // An unplugged board is an error on the port; firmata-io reports it, and a second listener keeps it from throwing.
  port.on('error', () => {});
  return connectFirmata(port, { ...o, name: path }, closePort);
}
