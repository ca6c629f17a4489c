// What every station (one hosted machine's parts) shares: the board, the IO, the clock, the reporter, the machines.
import type { Board } from '../board/types';
import type { MachineId } from '../board/signals';
import type { Machine } from '../core';
import type { Clock, Device } from '../../hal/types';
import type { InterlockFacts } from './interlock';
import type { Reporter } from './report';
import type { Thresholds } from './thresholds';

export interface StationContext {
  readonly board: Board;
  readonly device: Device;
  readonly clock: Clock;
  readonly limits: Thresholds;
  readonly report: Reporter;
  readonly facts: InterlockFacts;
  /** The hosted machine, once the system is built (parts are made first, so they bind late). */
  machine(id: MachineId): Machine;
}

/** One hosted machine's parts: inputs become events, states become outputs. */
export interface Station {
  readonly id: MachineId;
  /** Drives the actuators for a state (the outputs table), through the interlock. */
  applyOutputs(state: string): void;
  /** Turns sensor readings into `finished …` events and re-asserts the outputs. */
  scan(): void;
  close(): void;
}
