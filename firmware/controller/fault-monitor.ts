// One machine's sensor faults: its sensors' verdicts and its doors' limit switches, reported once per fault.
import type { DoorActuator } from '../../hal/drivers';
import type { SensorWatch } from './sensor-watch';

/** Anything judged each scan: `sample()` returns a reason when it has just become faulty. */
export interface Judged { readonly fault: string | undefined; readonly known: boolean; sample(): string | undefined }

/** Both limit switches of a door at once cannot be true: a contradictory reading. */
export class LimitWatch implements Judged {
  fault: string | undefined;
  readonly known = true;
  constructor(private readonly name: string, private readonly door: DoorActuator) {}
  sample(): string | undefined {
    const bad = this.door.limitsContradict, fresh = bad && this.fault === undefined;
    this.fault = bad ? 'both limit switches at once' : undefined;
    return fresh ? `${this.name}: both limit switches at once` : undefined;
  }
}

export class FaultMonitor {
  constructor(private readonly judged: readonly (Judged | SensorWatch)[], private readonly onFault: (reason: string) => void) {}

  /** Samples everything; each new fault is passed on once. */
  sample(): void {
    for (let i = 0; i < this.judged.length; i++) {
      const reason = this.judged[i].sample();
      if (reason !== undefined) this.onFault(reason);
    }
  }

  /** The first fault standing now, if any: a reset is refused while one stands. */
  get standing(): string | undefined {
    for (const j of this.judged) if (j.fault !== undefined) return j.fault;
    return undefined;
  }

  /** Every sensor has given a plausible reading. */
  get known(): boolean { return this.judged.every((j) => j.known); }
}
