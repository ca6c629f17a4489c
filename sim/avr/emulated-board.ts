// A whole emulated bench board: the genuine StandardFirmata on an emulated Uno, plugged into a socat pty whose other
// end the bench opens like a real /dev/ttyACM0, its rig wired to the bay model. Unplugging closes the pty (and the
// board loses its USB power); replugging brings the same paths back.
import type { Board } from '../../firmware/board/types';
import { openPtyPair, type PtyPair } from '../firmata/pty-pair';
import type { LaunchBayModel } from '../physics';
import { EmulatedUno } from './emulated-uno';
import { wireUnoToBay, type UnoRig } from './rig';

export interface EmulatedBoard {
  /** The host's end: what the bench opens. */
  readonly port: string;
  readonly uno: EmulatedUno;
  readonly rig: UnoRig;
  /** Sets the chip's inputs from the model: call it on every physics step. */
  sync(): void;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** The chip avr8js emulates here, and so the only board files `--emulate` takes. */
export const EMULATED_MCU = 'atmega328p';

export async function startEmulatedBoard(o: { board: Board; model: LaunchBayModel; log?(line: string): void }): Promise<EmulatedBoard> {
  if (o.board.mcu !== EMULATED_MCU) throw new Error(`board "${o.board.name}" is for the ${o.board.mcu}; the emulated board is an Uno (${EMULATED_MCU}), so use --board arduino-uno`);
  let pty: PtyPair = await openPtyPair();
  const paths = { board: pty.board, host: pty.host };
  const uno = new EmulatedUno({ log: o.log });
  const rig = wireUnoToBay({ uno, board: o.board, model: o.model });
  rig.sync();
  try {
    await uno.plug(pty.board);
  } catch (e) {
    await uno.close(); await pty.close();
    throw e;
  }
  return {
    port: pty.host, uno, rig,
    sync: () => rig.sync(),
    async unplug() { await pty.close(); },
    async replug() { pty = await openPtyPair(paths); await uno.plug(pty.board); },
    async close() { rig.stop(); await uno.close(); await pty.close(); },
  };
}
