// A digital input read as logic (active or not), with the board's inversion and pull-up applied: shared by buttons and limit switches.
import type { InputWiring } from '../board/types';
import type { Device, Digital } from '../types';
import { opened } from './opened';

/**
 * The pull-up and the inversion default to each other: a switch to ground needs a pull-up and reads low when
 * closed (active-low), and a board that names only one of the two means both. Neither named: a plain
 * active-high input with an external pull-down.
 */
export function inputWiringOf(wiring: InputWiring): { activeLow: boolean; pullUp: boolean } {
  const pullUp = wiring.pullUp ?? wiring.activeLow ?? false;
  return { pullUp, activeLow: wiring.activeLow ?? pullUp };
}

export class LogicInput {
  private readonly pin: Digital;
  private readonly activeLevel: number;

  /** `onEdge`, if given, runs on every level change (both edges); it is made once by the caller. */
  constructor(device: Device, wiring: InputWiring, onEdge?: () => void) {
    const { Digital } = device.io;
    const { activeLow, pullUp } = inputWiringOf(wiring);
    this.activeLevel = activeLow ? 0 : 1;
    const mode = pullUp ? Digital.InputPullUp : Digital.Input;
    this.pin = onEdge
      ? new Digital({ pin: wiring.pin, mode, edge: Digital.Rising | Digital.Falling, onReadable: onEdge })
      : new Digital({ pin: wiring.pin, mode });
    opened(this);
  }

  /** The input's meaning now, read from the pin. */
  get active(): boolean { return this.pin.read() === this.activeLevel; }

  close(): void { this.pin.close(); }
}
