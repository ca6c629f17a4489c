// A run's transitions as (machine, from, to, event), and where two runs first part: invariant 8 compares them.
import type { ControllerReport } from '../../firmware/controller';

/** Each transition of a trace as `machine: from → to on event`. */
export const transitionsOf = (trace: readonly ControllerReport[]): string[] =>
  trace.filter((r) => r.kind === 'transition').map((r) => `${r.machine}: ${r.from ?? 'unknown'} → ${r.to} on ${r.event}`);

/** Where `other` first parts from `reference` (seed 1's), in words; undefined when they are the same. */
export function firstDifference(reference: readonly string[], other: readonly string[]): string | undefined {
  for (let i = 0; i < Math.max(reference.length, other.length); i++) {
    if (reference[i] !== other[i]) return `transition ${i + 1}: seed 1 took "${reference[i] ?? '(none: it ended)'}", this seed "${other[i] ?? '(none: it ended)'}"`;
  }
  return undefined;
}
