// A door limit switch: `active` means the door is at that limit, whatever the switch's wiring.
import type { InputWiring } from '../board/types';
import type { Device } from '../types';
import { LogicInput } from './logic-input';

export interface LimitSwitchOptions {
  device: Device;
  wiring: InputWiring;
  /** Called when the reading changes (each change once); without it the pin is only read on demand. */
  onChange?(active: boolean): void;
}

export class LimitSwitch {
  private readonly input: LogicInput;
  private last: boolean;

  constructor(o: LimitSwitchOptions) {
    const onChange = o.onChange;
    this.input = onChange ? new LogicInput(o.device, o.wiring, () => this.edge(onChange)) : new LogicInput(o.device, o.wiring);
    this.last = this.input.active;
  }

  /** Read from the pin each time: the controller scans it, and a scan must see the switch as it is now. */
  get active(): boolean { return this.input.active; }

  close(): void { this.input.close(); }

  // Not debounced: a limit switch is read as a level, and its user (the door) acts idempotently on it.
  private edge(onChange: (active: boolean) => void): void {
    const now = this.input.active;
    if (now === this.last) return;
    this.last = now;
    onChange(now);
  }
}
