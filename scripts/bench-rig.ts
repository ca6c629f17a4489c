// `npm run bench:rig`: a bench board without hardware, on a pseudo-terminal, for `npm run bench:board -- --port` in
// another terminal: the project's own imitation of StandardFirmata for any bench board file, or with `--emulate` the
// genuine StandardFirmata on an emulated Uno or Mega. Its rig is wired to a physics model of its own; the keys of npm start
// press its buttons.
import type { Board } from '../firmware/board/types';
import { WallClock } from '../hal/providers/bench/wall-clock';
import { startEmulatedBoard } from '../emulators/avr/emulated-board';
import { createSimulatedArduino } from '../emulators/firmata/arduino';
import { openPtyPair } from '../emulators/firmata/pty-pair';
import { openSimulatedArduinoPort } from '../emulators/firmata/serial-port';
import { LaunchBayModel } from '../sim/physics';
import { keyActions } from '../views/terminal/keys';
import { FIRMATA_MCUS } from './lib/bench-docs';
import { loadBoard, loadMcu } from './lib/board-file';

const usage = `usage: npm run bench:rig -- --board <name> [--emulate]

A bench board on a pseudo-terminal (needs socat), for npm run bench:board -- --board <name> --port <the path it prints>.
  (default)    the project's imitation of StandardFirmata, for arduino-uno or arduino-mega
  --emulate    the genuine StandardFirmata on an emulated Uno or Mega, fetched once with npm pack
Keys press the rig's buttons as in npm start (airlock A: 1 2 3 4); Ctrl-C quits.`;

function fail(message: string): never {
  console.error(`bench:rig: ${message}\n\n${usage}`);
  process.exit(2);
}

function parse(argv: string[]): { board: Board; emulate: boolean } {
  let name = '', emulate = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--board') name = argv[++i] ?? '';
    else if (argv[i] === '--emulate') emulate = true;
    else if (argv[i] === '--help' || argv[i] === '-h') { console.log(usage); process.exit(0); }
    else fail(`unknown option ${argv[i]}`);
  }
  if (!name) fail('--board is needed');
  let board: Board;
  try { board = loadBoard(name); } catch (e) { fail((e as Error).message); }
  if (!FIRMATA_MCUS.includes(board.mcu)) fail(`board "${name}" is not a bench board (its chip, ${board.mcu}, does not run StandardFirmata)`);
  return { board, emulate };
}

async function main(): Promise<void> {
  const { board, emulate } = parse(process.argv.slice(2));
  const clock = new WallClock();
  let port: string, model: LaunchBayModel, close: () => Promise<void>, what = 'imitation StandardFirmata';
  if (emulate) {
    model = new LaunchBayModel();
    let rig: Awaited<ReturnType<typeof startEmulatedBoard>>;
    try { rig = await startEmulatedBoard({ board, model, log: (l) => console.error(l) }); } catch (e) { fail((e as Error).message); }
    const physics = clock.set(() => { model.step(50); rig.sync(); }, 50, 50);
    port = rig.port;
    what = `genuine StandardFirmata on an emulated ${rig.chip.chip.board}`;
    close = async () => { clock.clear(physics); await rig.close(); };
  } else {
    const pty = await openPtyPair();
    const arduino = createSimulatedArduino({ board, mcu: loadMcu(board.mcu), clock });
    const serial = await openSimulatedArduinoPort(arduino, pty.board);
    model = arduino.model;
    port = pty.host;
    close = async () => { arduino.close(); await serial.close(); await pty.close(); };
  }
  console.log(`${what} for board ${board.name} on ${port}`);
  console.log(`in another terminal: npm run bench:board -- --board ${board.name} --port ${port}`);
  const quit = async () => { await close(); clock.stop(); process.exit(0); };
  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (const key of chunk) {
      if (key === '\u0003') { void quit(); return; }
      const button = keyActions.find((a) => a.key === key && a.label.includes(' button '))?.label;
      if (!button || !(button in model.buttons)) continue;
      model.buttons[button] = true;
      setTimeout(() => { model.buttons[button] = false; }, 300);
      console.log(`pressed ${button}`);
    }
  });
  process.stdin.on('end', () => {});
}

main().catch((e) => { console.error(`bench:rig: ${(e as Error).stack ?? String(e)}`); process.exit(1); });
