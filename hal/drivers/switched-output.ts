// Digital outputs named after the parts they switch: pumps, vent valves, the heater, the klaxon, the warning lights.
import type { OutputWiring } from '../board/types';
import type { Device, Digital } from '../types';
import { opened } from './opened';

export interface SwitchedOutputOptions { device: Device; wiring: OutputWiring }

export class SwitchedOutput {
  private readonly pin: Digital;
  private readonly onLevel: 0 | 1;
  private state = false;

  constructor(o: SwitchedOutputOptions) {
    // Many relay modules switch on when their input is pulled low; the board says so with `activeLow`.
    this.onLevel = o.wiring.activeLow ? 0 : 1;
    this.pin = new o.device.io.Digital({ pin: o.wiring.pin, mode: o.device.io.Digital.Output });
    opened(this);
    // Every part starts off, whatever level the pin came up at.
    this.pin.write(this.offLevel);
  }

  /** Switches the part; the pin is written only on a change, since the controller re-asserts outputs every scan. */
  set(on: boolean): void {
    if (on === this.state) return;
    this.state = on;
    this.pin.write(on ? this.onLevel : this.offLevel);
  }

  private get offLevel(): 0 | 1 { return this.onLevel === 1 ? 0 : 1; }

  on(): void { this.set(true); }
  off(): void { this.set(false); }
  get isOn(): boolean { return this.state; }

  /** Switches the part off before letting go of the pin, which may float once closed. */
  close(): void {
    this.set(false);
    this.pin.close();
  }
}

/** A pump that moves air into a chamber or the bay. */
export class Pump extends SwitchedOutput {}
/** A valve that lets air out to space. */
export class VentValve extends SwitchedOutput {}
/** The bay heater. */
export class Heater extends SwitchedOutput {}
/** The alarm horn. */
export class Klaxon extends SwitchedOutput {}
/** The rotating warning lights. */
export class WarningLights extends SwitchedOutput {}
