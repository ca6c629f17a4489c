// A beeper: a short beep on a digital output, timed by the injected clock; a beep during a beep extends it.
import type { OutputWiring } from '../board/types';
import type { Clock, Device, TimerId } from '../types';
import { SwitchedOutput } from './switched-output';

export interface BeeperOptions {
  device: Device;
  wiring: OutputWiring;
  clock: Clock;
  /** How long one beep sounds (default 120 ms). */
  durationMs?: number;
}

// Long enough to hear over machinery, short enough that two beeps for two refusals stay distinct.
const DEFAULT_DURATION_MS = 120;

export class Beeper {
  private readonly output: SwitchedOutput;
  private readonly clock: Clock;
  private readonly durationMs: number;
  private readonly silence: () => void;
  private timer: TimerId = undefined;

  constructor(o: BeeperOptions) {
    this.clock = o.clock;
    this.durationMs = o.durationMs ?? DEFAULT_DURATION_MS;
    this.output = new SwitchedOutput({ device: o.device, wiring: o.wiring });
    this.silence = () => { this.timer = undefined; this.output.off(); };
  }

  /** Sounds for `durationMs` from now. */
  beep(): void {
    if (this.output.isOn) this.clock.clear(this.timer);
    this.output.on();
    this.timer = this.clock.set(this.silence, this.durationMs);
  }

  get sounding(): boolean { return this.output.isOn; }

  close(): void {
    if (this.output.isOn) this.clock.clear(this.timer);
    this.timer = undefined;
    this.output.close();
  }
}
