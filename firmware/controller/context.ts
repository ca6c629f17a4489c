// What every station (one hosted machine's parts) shares: the board, the IO, the clock, the reporter, the machines.
import type { MachineId } from '../board/signals';
import type { Board } from '../board/types';
import type { Coordination } from '../coordination';
import type { Machine } from '../core';
import type { Clock, Device } from '../../hal/types';
import type { FaultMonitor } from './fault-monitor';
import type { InterlockFacts } from './interlock';
import type { Restart } from './reconstruct';
import type { Reporter } from './report';
import type { Thresholds } from '../thresholds';

export interface StationContext {
  readonly board: Board;
  readonly device: Device;
  readonly clock: Clock;
  readonly limits: Thresholds;
  readonly report: Reporter;
  readonly facts: InterlockFacts;
  /** The hosted machine, once the system is built (parts are made first, so they bind late). */
  machine(id: MachineId): Machine;
  /** A machine's state, or undefined when this board does not host it. */
  stateOf(id: MachineId): string | undefined;
  /** A sensor fault was found: report it and tell the machine. */
  sensorFault(id: MachineId, reason: string): void;
  /** The coordination (leaks are reported to it), once the system is built. */
  coordination(): Coordination;
  /** An alarm source other than the machines (a leak) changed: refresh klaxon and warning lights. */
  alarmChanged(): void;
}

/** One hosted machine's parts: inputs become events, states become outputs. */
export interface Station {
  readonly id: MachineId;
  readonly faults: FaultMonitor;
  /** Drives the actuators for a state (the outputs table), through the interlock; `event` tells a fault's cause. */
  applyOutputs(state: string, event?: string): void;
  /** Turns sensor readings into `finished …` events and re-asserts the outputs. */
  scan(): void;
  /** The state (and goal) the sensors show, for a start after power loss. */
  restart(): Restart;
  close(): void;
}
