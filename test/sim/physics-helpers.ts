// Test helper: steps a launch bay model through virtual time in the controller's 50 ms steps.
import type { LaunchBayModel } from '../../sim/physics';

export function run(model: LaunchBayModel, ms: number, stepMs = 50): void {
  for (let t = 0; t < ms; t += stepMs) model.step(Math.min(stepMs, ms - t));
}

/** Steps until `predicate` holds; returns the time it took, or Infinity past `limitMs`. */
export function timeUntil(model: LaunchBayModel, predicate: () => boolean, limitMs: number, stepMs = 50): number {
  for (let t = 0; t <= limitMs; t += stepMs) {
    if (predicate()) return t;
    model.step(stepMs);
  }
  return Infinity;
}
