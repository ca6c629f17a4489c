// `npm run scenario -- FILE --vcd out.vcd`: its options (GTKWave reading the file back: vcd-gtkwave.test.ts).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the VCD export', () => {
  it('refuses --vcd without a file name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'sim/scenarios/alice.json', '--vcd'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--vcd needs a value/);
  });
});
