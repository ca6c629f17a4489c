// The device audit ring keeps the latest reports within its bound and dumps them as JSON lines.
import { describe, expect, it } from 'vitest';
import { AuditRing } from '../../firmware/controller/audit-ring';

const entry = (t: number) => ({ t, kind: 'beep' as const, machine: 'airlock A', event: 'ask open outer' });

describe('the audit ring', () => {
  it('keeps the latest reports, oldest first, once it wraps', () => {
    const ring = new AuditRing(3);
    for (let t = 1; t <= 5; t++) ring.append(entry(t));
    expect(ring.toArray().map((r) => r.t)).toEqual([3, 4, 5]);
    expect(ring.appended).toBe(5);
  });

  it('dumps its reports as JSON lines for the serial console', () => {
    const ring = new AuditRing(4), lines: string[] = [];
    ring.append(entry(1)); ring.append(entry(2));
    ring.dump((l) => lines.push(l));
    expect(lines.map((l) => JSON.parse(l).t)).toEqual([1, 2]);
  });
});
