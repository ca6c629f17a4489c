// The coordination's own memory, as plain data: part of the system's state, snapshotted with the machines.
import { airlockLetters, type AirlockLetter } from '../board/signals';

export interface CoordinationMemory {
  /** Airlocks recalled on red alert: their `ask open outer` is refused until they reach `inner open`. */
  recalled: { [L in AirlockLetter]: boolean };
  /** Airlocks whose outer-door goal rule 3 held back; they resume once the environment is stable. */
  heldBack: { [L in AirlockLetter]: boolean };
  /** The deck's view of the evidence: the last states reported by door E and the bay environment. */
  evidence: { bayDoor: string | undefined; bayEnvironment: string | undefined };
  /** The goal for which `now …` has been sent and not yet handled, so it is sent once. */
  claimed: string | undefined;
}

const perAirlock = () => Object.fromEntries(airlockLetters.map((l) => [l, false])) as { [L in AirlockLetter]: boolean };

export const createMemory = (): CoordinationMemory =>
  ({ recalled: perAirlock(), heldBack: perAirlock(), evidence: { bayDoor: undefined, bayEnvironment: undefined }, claimed: undefined });

/** A deep copy, for snapshots: the memory is plain data by design. */
export const copyMemory = (m: CoordinationMemory): CoordinationMemory => ({
  recalled: { ...m.recalled }, heldBack: { ...m.heldBack }, evidence: { ...m.evidence }, claimed: m.claimed,
});
