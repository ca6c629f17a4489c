// A push button: debounced on the injected clock, reported as presses and releases.
import type { InputWiring } from '../board/types';
import type { Clock, Device, TimerId } from '../types';
import { LogicInput } from './logic-input';

export interface ButtonOptions {
  device: Device;
  wiring: InputWiring;
  clock: Clock;
  /** How long the contacts must stay quiet before a change counts (default 20 ms). */
  debounceMs?: number;
  onPress(): void;
  onRelease?(): void;
}

// Mechanical contacts bounce for a few milliseconds on make and break; 20 ms covers ordinary tactile switches.
const DEFAULT_DEBOUNCE_MS = 20;

export class Button {
  private readonly input: LogicInput;
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly onPress: () => void;
  private readonly onRelease: (() => void) | undefined;
  private readonly settle: () => void;
  private timer: TimerId = undefined;
  private waiting = false;
  private state: boolean;

  constructor(o: ButtonOptions) {
    this.clock = o.clock;
    this.debounceMs = o.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.onPress = o.onPress;
    this.onRelease = o.onRelease;
    // Both callbacks are made once here, so an edge allocates nothing of ours.
    this.settle = () => this.settled();
    this.input = new LogicInput(o.device, o.wiring, () => this.edge());
    // A button already held at start-up is pressed, but was never pressed: no event until it is released.
    this.state = this.input.active;
  }

  /** The debounced state. */
  get pressed(): boolean { return this.state; }

  close(): void {
    this.cancel();
    this.input.close();
  }

  // Every edge restarts the quiet period; the level is judged only once the contacts have stopped bouncing.
  private edge(): void {
    this.cancel();
    this.waiting = true;
    this.timer = this.clock.set(this.settle, this.debounceMs);
  }

  private settled(): void {
    this.waiting = false;
    this.timer = undefined;
    const now = this.input.active;
    if (now === this.state) return;
    this.state = now;
    if (now) this.onPress();
    else if (this.onRelease) this.onRelease();
  }

  private cancel(): void {
    if (this.waiting) this.clock.clear(this.timer);
    this.waiting = false;
    this.timer = undefined;
  }
}
