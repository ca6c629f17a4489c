// Every moving state has a deadline, per part, from the board file: a movement that does not finish in time is a fault.
import type { Board } from '../board/types';
import type { Clock, TimerId } from '../../hal/types';

// Which part moves in each moving state, by machine kind.
const AIRLOCK: { [state: string]: string } = {
  'opening outer': 'airlock door', 'closing outer': 'airlock door', 'opening inner': 'airlock door', 'closing inner': 'airlock door',
  'pressurizing': 'airlock pump', 'depressurizing': 'airlock vent',
};
const BAY_DOOR: { [state: string]: string } = { opening: 'bay door', closing: 'bay door' };
const ENVIRONMENT: { [state: string]: string } = { pressurizing: 'bay pump', heating: 'bay heater', depressurizing: 'bay vent' };

export const movingPartOf = (machine: string, state: string): string | undefined =>
  (machine.startsWith('airlock ') ? AIRLOCK : machine === 'bay door' ? BAY_DOOR : machine === 'bay environment' ? ENVIRONMENT : {})[state];

/** Watches one machine's movements: `enter(state)` on every transition; `onMissed(part, ms)` if one overruns. */
export class DeadlineWatch {
  private timer: TimerId | undefined;

  constructor(
    private readonly machine: string,
    private readonly board: Board,
    private readonly clock: Clock,
    private readonly onMissed: (part: string, ms: number) => void,
  ) {}

  enter(state: string): void {
    this.cancel();
    const part = movingPartOf(this.machine, state);
    const ms = part === undefined ? undefined : this.board.deadlines?.[part];
    if (part === undefined || ms === undefined) return;
    this.timer = this.clock.set(() => { this.timer = undefined; this.onMissed(part, ms); }, ms);
  }

  cancel(): void {
    if (this.timer !== undefined) this.clock.clear(this.timer);
    this.timer = undefined;
  }
}
