// The messages between an emulated board's process and its owner (Node's IPC channel), in both directions.
import type { ExternalDrive } from './core';

export type ToChip =
  /**
   * Power on (USB plugged in): a fresh chip, its USART joined to the serial path. The bootloader runs first for
   * `bootloaderMs`, as Optiboot does after the reset a port's opening causes; bytes sent meanwhile are lost.
   */
  | { type: 'plug'; path: string; bootloaderMs: number }
  /** Power off (USB pulled): the chip stops, every pin lets go. */
  | { type: 'unplug' }
  | { type: 'drive'; pin: number; drive: ExternalDrive }
  | { type: 'volts'; channel: number; volts: number }
  | { type: 'exit' };

/** Each pin's level as the chip drives it: 0 or 1 for an output, -1 for an input (it drives nothing). */
export type FromChip =
  | { type: 'pins'; levels: number[] }
  | { type: 'powered'; on: boolean; why: string }
  | { type: 'stats'; emulatedMs: number; wallMs: number }
  | { type: 'error'; message: string };
