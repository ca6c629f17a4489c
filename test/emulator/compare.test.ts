// Comparing an image's trace with the host run's: boot records checked against the settled start, then report by report.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { compareTraces } from '../../emulators/rp2040/compare';

const boot = (machine: string, to: string): ControllerReport => ({ t: 0, kind: 'transition', machine, from: 'power off', to, event: 'reconstructed from sensors' });
const open: ControllerReport = { t: 570, kind: 'transition', machine: 'bay door', from: 'closed', to: 'opening', event: 'open requested' };

describe('trace comparison', () => {
  it('agrees when the image reconstructs the host start and reports the same events within tolerance', () => {
    const c = compareTraces([open], [boot('bay door', 'closed'), { ...open, t: 620 }], { 'bay door': 'closed' }, 100);
    expect(c).toEqual({ differences: [], maxSkewMs: 50, matched: 1 });
  });

  it('says when a report is later than the tolerance', () => {
    const c = compareTraces([open], [boot('bay door', 'closed'), { ...open, t: 900 }], { 'bay door': 'closed' }, 100);
    expect(c.differences).toEqual(['report 1: bay door transition → opening on "open requested" at 570 ms on the host, 900 ms on the image: 330 ms apart, over the 100 ms tolerance']);
  });

  it('says when the image reconstructed another state than the host run starts in', () => {
    const c = compareTraces([], [boot('bay door', 'open')], { 'bay door': 'closed' }, 100);
    expect(c.differences).toEqual(['bay door: the host run starts "closed", the image reconstructed "open"']);
  });

  it('names the fields that differ, and reports only one side has', () => {
    const c = compareTraces([open, open], [boot('bay door', 'closed'), { ...open, event: 'reset' }], { 'bay door': 'closed' }, 100);
    expect(c.differences[0]).toMatch(/report 1: .* \(event differ\)/);
    expect(c.differences[1]).toMatch(/report 2: only the host run has bay door transition → opening/);
  });
});
