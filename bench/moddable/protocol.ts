// What the host asks the mcsim harness (bench/moddable/main.ts) to do, and the figures it answers with.
import type { ScenarioInputs } from '../xs/scenarios';

/** Jobs run in order, each answered in turn; a `device` job must come last (it takes over the runtime). */
export interface HarnessRequest { jobs: HarnessJob[] }

export type HarnessJob =
  | ({ mode: 'scenarios' } & ScenarioInputs)
  /** Boots `board` in the simulated bay, then idles: memory after `bootMs` and after `soakMs` of virtual time. */
  | { mode: 'footprint'; boards: ScenarioInputs['boards']; board: string; bootMs: number; soakMs: number }
  /** The memory in use before any of our modules is loaded. */
  | { mode: 'baseline' }
  /** Runs the real device entry (firmware/main) for `settleMs` of wall time, then dumps its audit ring. */
  | { mode: 'device'; settleMs: number };

/** Moddable's instrumentation after a forced collection: bytes of slot and chunk heap in use, the stack's peak. */
export interface MemorySample {
  label: string;
  /** Virtual (or, for the device entry, wall) ms since boot. */
  tMs: number;
  slotBytes: number;
  chunkBytes: number;
  stackPeakBytes: number;
  modules: number;
  gcs: number;
}
