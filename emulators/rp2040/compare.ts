// Compares the emulated image's trace with the host run of the same scenario: the same reports in the same order,
// each within a timing tolerance; the image's boot records are checked against the host run's settled start.
import type { ControllerReport } from '../../firmware/controller';

export interface TraceComparison {
  /** Each difference in words; empty when the traces agree. */
  differences: string[];
  /** The largest |t_emulated - t_host| among matched reports, ms. */
  maxSkewMs: number;
  matched: number;
}

const FIELDS = ['kind', 'machine', 'from', 'to', 'event', 'goal', 'detail'] as const;
const BOOT = 'reconstructed from sensors';

const describe = (r: ControllerReport) => `${r.machine} ${r.kind}${r.to ? ` → ${r.to}` : ''}${r.event ? ` on "${r.event}"` : ''}${r.detail ? `: ${r.detail}` : ''}`;

/**
 * `start` is the host run's machines at its first instant (it starts settled, as the scenario says); the image
 * starts from power-up and reconstructs from its sensors, which must give those same states.
 */
export function compareTraces(host: ControllerReport[], emulated: ControllerReport[], start: { [id: string]: string }, toleranceMs: number): TraceComparison {
  const differences: string[] = [];
  const boot = emulated.filter((r) => r.kind === 'transition' && r.event === BOOT);
  for (const [id, state] of Object.entries(start)) {
    const got = boot.find((r) => r.machine === id)?.to;
    if (got !== state) differences.push(`${id}: the host run starts "${state}", the image reconstructed "${got ?? 'nothing'}"`);
  }
  const rest = emulated.filter((r) => !(r.kind === 'transition' && r.event === BOOT));
  let maxSkewMs = 0, matched = 0;
  for (let i = 0; i < Math.max(host.length, rest.length); i++) {
    const h = host[i], e = rest[i];
    if (!h) { differences.push(`report ${i + 1}: only the image has ${describe(e)} at ${e.t} ms`); continue; }
    if (!e) { differences.push(`report ${i + 1}: only the host run has ${describe(h)} at ${h.t} ms`); continue; }
    const unequal = FIELDS.filter((k) => h[k] !== e[k]);
    if (unequal.length) { differences.push(`report ${i + 1}: host ${describe(h)}, image ${describe(e)} (${unequal.join(', ')} differ)`); continue; }
    const skew = Math.abs(e.t - h.t);
    maxSkewMs = Math.max(maxSkewMs, skew);
    matched++;
    if (skew > toleranceMs) differences.push(`report ${i + 1}: ${describe(h)} at ${h.t} ms on the host, ${e.t} ms on the image: ${skew} ms apart, over the ${toleranceMs} ms tolerance`);
  }
  return { differences, maxSkewMs, matched };
}
