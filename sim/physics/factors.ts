// Per-step exponential factors, recomputed only when the step length changes: a fixed step costs no Math.exp.
import type { PhysicsConstants } from './constants';

/** For a step of `dtMs`, the fraction of the gap each exponential process closes. */
export interface StepFactors {
  dtMs: number;
  innerDoor: number;
  outerDoor: number;
  bayDoor: number;
  warmDrift: number;
  coldDrift: number;
}

export function createFactors(): StepFactors {
  return { dtMs: -1, innerDoor: 0, outerDoor: 0, bayDoor: 0, warmDrift: 0, coldDrift: 0 };
}

// 1 - e^(-dt/tau) is exact for any dt, so a long step never overshoots the way dt/tau would.
const closes = (dtMs: number, tauMs: number): number => (tauMs > 0 ? 1 - Math.exp(-dtMs / tauMs) : 1);

export function updateFactors(f: StepFactors, c: PhysicsConstants, dtMs: number): void {
  if (f.dtMs === dtMs) return;
  f.dtMs = dtMs;
  f.innerDoor = closes(dtMs, c.innerDoorTauMs);
  f.outerDoor = closes(dtMs, c.outerDoorTauMs);
  f.bayDoor = closes(dtMs, c.bayDoorTauMs);
  f.warmDrift = closes(dtMs, c.warmDriftTauMs);
  f.coldDrift = closes(dtMs, c.coldDriftTauMs);
}

/** `value` moved toward `target` by at most `amount`, never past it. */
export function toward(value: number, target: number, amount: number): number {
  if (value < target) return value + amount < target ? value + amount : target;
  if (value > target) return value - amount > target ? value - amount : target;
  return value;
}
