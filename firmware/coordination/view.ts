// What the coordination sees of the system and how it acts on it: states, goals, pressures and queued events.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Thresholds } from '../thresholds';

export interface CoordinationView {
  /** True for the machines this node runs itself. */
  hosted(id: MachineId): boolean;
  /** A machine's state, or undefined when it is not known (not hosted, or no fresh report). */
  state(id: MachineId): string | undefined;
  goal(id: MachineId): string | undefined;
  /** A pressure reading in kPa: `bay`, or an airlock's chamber by letter; NaN when unknown (unknown never permits). */
  kPa(place: 'bay' | AirlockLetter): number;
  /**
   * The same for a door's start: NaN too while the reading has not moved for a second (a sensor that may have frozen
   * as the air changed unseen), as the interlock judges a start. The rules that start doors read this one.
   */
  doorKpa(place: 'bay' | AirlockLetter): number;
  /** The thresholds pressures are judged by (firmware/thresholds.ts). */
  readonly limits: Thresholds;
  /** Sends an event; from inside a hook it is queued until the current transition completes. */
  send(id: MachineId, event: string): void;
  /** Klaxon and warning lights, where the board has them. */
  alarm(on: boolean): void;
  /** Red alert at one airlock, wherever it is hosted (on another node, a command over the bus). */
  recall(airlock: AirlockLetter): void;
}

/** Rule 4: the bay environment's direction as the airlocks see it. */
export const HOSTILE_DIRECTION: { readonly [state: string]: boolean } = { hostile: true, depressurizing: true };
/** Rule 4 as the airlocks read it: unknown or faulted counts as hostile (they pump down before opening). */
export const bayHostileIn = (environment: string | undefined): boolean =>
  environment !== 'friendly' && environment !== 'pressurizing' && environment !== 'heating';

/** Rule 3: the environment is stable (an outer door may start opening) only in these. */
export const STABLE: { readonly [state: string]: boolean } = { friendly: true, hostile: true };

/** Rule 3: the environment is changing. */
export const CHANGING: { readonly [state: string]: boolean } = { pressurizing: true, heating: true, depressurizing: true };

/** A reading in words, for reasons: `61.8`, or `unknown`. */
export const kPaText = (kPa: number): string => (kPa === kPa ? kPa.toFixed(1) : 'unknown');
