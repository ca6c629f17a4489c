// A whole emulated bench board: the genuine StandardFirmata on an emulated Uno or Mega, plugged into a socat pty
// whose other end the bench opens like a real /dev/ttyACM0, its rig wired to the bay model. Unplugging closes the pty
// (and the board loses its USB power); replugging brings the same paths back.
import type { Board } from '../../firmware/board/types';
import { openPtyPair, type PtyPair } from '../firmata/pty-pair';
import type { LaunchBayModel } from '../../sim/physics';
import { chipFor } from './chips';
import { EmulatedChip } from './emulated-chip';
import { wireChipToBay, type ChipRig } from './rig';

export interface EmulatedBoard {
  /** The host's end: what the bench opens. */
  readonly port: string;
  readonly chip: EmulatedChip;
  readonly rig: ChipRig;
  /** Sets the chip's inputs from the model: call it on every physics step. */
  sync(): void;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** `lacks(signal)`: parts the rig does not have; their pins are left unconnected (as for hybrid mode). */
export async function startEmulatedBoard(o: { board: Board; model: LaunchBayModel; lacks?(signal: string): boolean; log?(line: string): void }): Promise<EmulatedBoard> {
  const kind = chipFor(o.board.mcu);
  let pty: PtyPair = await openPtyPair();
  const paths = { board: pty.board, host: pty.host };
  const chip = new EmulatedChip({ chip: kind, log: o.log });
  const rig = wireChipToBay({ chip, board: o.board, model: o.model, lacks: o.lacks });
  rig.sync();
  try {
    await chip.plug(pty.board);
  } catch (e) {
    await chip.close(); await pty.close();
    throw e;
  }
  return {
    port: pty.host, chip, rig,
    sync: () => rig.sync(),
    async unplug() { await pty.close(); },
    async replug() { pty = await openPtyPair(paths); await chip.plug(pty.board); },
    async close() { rig.stop(); await chip.close(); await pty.close(); },
  };
}
