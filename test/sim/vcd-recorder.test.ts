// The VCD recorder: only changes are written, and a bounded one (the web bench's ten minutes) starts from the values
// that held at the start of its window.
import { describe, expect, it } from 'vitest';
import { VcdRecorder } from '../../views/report/vcd';

describe('the VCD recorder', () => {
  it('writes each change once, in time order, and folds what left its window into the starting values', () => {
    let level = 0, kPa = 101.3;
    const r = new VcdRecorder([
      { scope: 'sim', name: 'button', width: 1, read: () => level },
      { scope: 'sim', name: 'counts', width: 12, read: () => Math.round(kPa * 34) },
      { scope: 'sim', name: 'kPa', width: 'real', read: () => kPa },
    ], ['button: pin 5'], 1000);
    for (let t = 0; t <= 3000; t += 500) {
      if (t === 500) level = 1;
      if (t === 2500) { level = 0; kPa = 50; }
      r.sample(t);
    }
    const body = r.vcd().split('$enddefinitions $end\n')[1];
    // The press at 0.5 s is older than the window (the last second): it is part of the starting values at 0.5 s.
    expect(body).toBe('#500\n$dumpvars\n1!\nb110101110100 "\nr101.3 #\n$end\n#2500\n0!\nb11010100100 "\nr50 #\n');
    expect(r.vcd()).toContain('$comment button: pin 5 $end');
  });
});
