// `npm run scenario -- FILE --vcd out.vcd` and the web bench's VCD download (GTKWave's tools: test/support/requirements.ts): every digital pin and analog input of the run as a VCD file, read back
// by GTKWave's own tools (vcd2fst converts it to GTKWave's FST, fst2vcd writes it out again), as an engineer opening
// the run in GTKWave would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { startWebBench } from '../../views/web/server';

const VCD2FST = '/usr/bin/vcd2fst', FST2VCD = '/usr/bin/fst2vcd';
const gtkwave = existsSync(VCD2FST) && existsSync(FST2VCD);
if (!gtkwave) console.warn('test/report/vcd.test.ts: GTKWave\'s vcd2fst and fst2vcd are missing, so the VCD is not read back (apt-get install -y gtkwave)');

/** The value changes of a VCD text as GTKWave wrote it: each signal's name and its [time, value] list. */
function changesOf(vcd: string): Map<string, [number, string][]> {
  const names = new Map<string, string>(), out = new Map<string, [number, string][]>();
  for (const m of vcd.matchAll(/\$var \S+ \d+ (\S+) (\S+)(?: \[[^\]]*\])? \$end/g)) { names.set(m[1], m[2]); out.set(m[2], []); }
  let t = 0;
  for (const line of vcd.slice(vcd.indexOf('$enddefinitions')).split('\n')) {
    const time = /^#(\d+)$/.exec(line), scalar = /^([01xz])(\S+)$/.exec(line), vector = /^([br])(\S+) (\S+)$/.exec(line);
    if (time) t = Number(time[1]);
    else if (scalar && names.has(scalar[2])) out.get(names.get(scalar[2])!)!.push([t, scalar[1]]);
    else if (vector && names.has(vector[3])) out.get(names.get(vector[3])!)!.push([t, vector[1] === 'b' ? String(parseInt(vector[2], 2)) : vector[2]]);
  }
  return out;
}
const edges = (to: string) => (changes: [number, string][]) => changes.filter(([, v], i) => v === to && i > 0 && changes[i - 1][1] !== to).map(([t]) => t);
const rises = edges('1'), falls = edges('0');

describe('the VCD export', () => {
  it.skipIf(!gtkwave)('writes the Alice story\'s pins, and GTKWave reads them back: three presses of B\'s button 2, the klaxon on red alert, the bay emptied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcd-')), vcd = join(dir, 'alice.vcd'), fst = join(dir, 'alice.fst');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'sim/scenarios/alice.json', '--vcd', vcd], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^vcd: .*alice\.vcd \(78 signals\)$/m);
    execFileSync(VCD2FST, [vcd, fst]);
    const back = execFileSync(FST2VCD, [fst], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const signals = changesOf(back);
    // Every pin we wrote is there, by name, and nothing else.
    expect([...signals.keys()].sort()).toEqual([...changesOf(readFileSync(vcd, 'utf8')).keys()].sort());
    expect(signals.size).toBe(78);
    expect(back).toMatch(/\$timescale\s+1ms\s+\$end/);
    // Button 2 of airlock B (wired active low, with a pull-up): pulled low at 0 s and 2 s for 200 ms each, and once
    // more after B has come to rest inner open; high (released) at rest.
    const button = signals.get('airlock_B_button_2')!;
    expect(button[0]).toEqual([0, '1']);
    expect(falls(button)).toEqual([50, 2050, expect.any(Number)]);
    expect(rises(button)).toEqual([200, 2200, falls(button)[2] + 150]);
    // Red alert at 1.5 s: the klaxon's pin goes high just after.
    const klaxon = rises(signals.get('klaxon')!);
    expect(klaxon[0]).toBeGreaterThanOrEqual(1500);
    expect(klaxon[0]).toBeLessThan(1700);
    // Airlock B's outer door motor runs; its chamber's ADC counts fall as it empties.
    expect(rises(signals.get('airlock_B_outer_door_enable')!).length).toBeGreaterThanOrEqual(2);
    const counts = signals.get('airlock_B_chamber_pressure')!.map(([, v]) => Number(v));
    expect(counts[0]).toBe(Math.round(101.3 * 4095 / 120));
    expect(Math.min(...counts)).toBeLessThan(Math.round(2 * 4095 / 120));
    const bay = signals.get('bay_pressure_value')!.map(([, v]) => Number(v));
    expect(bay[0]).toBeCloseTo(101.3, 1);
    expect(bay[bay.length - 1]).toBeLessThan(1);
  });


  it.skipIf(!gtkwave)('serves the web bench\'s pins as a VCD that GTKWave reads back: a press of B\'s button 2 on it', async () => {
    const bench = await startWebBench({ board: loadBoard('sim'), port: 0, time: 'manual', publishMs: 10 });
    try {
      bench.advance(1000);
      bench.world.press('airlock B button 2');
      bench.advance(4000);
      const dir = mkdtempSync(join(tmpdir(), 'vcd-web-')), vcd = join(dir, 'web.vcd'), fst = join(dir, 'web.fst');
      const res = await fetch(new URL('/api/vcd', bench.url));
      expect(res.status).toBe(200);
      writeFileSync(vcd, await res.text());
      execFileSync(VCD2FST, [vcd, fst]);
      const signals = changesOf(execFileSync(FST2VCD, [fst], { encoding: 'utf8', maxBuffer: 64 << 20 }));
      expect(signals.size).toBe(78);
      const button = signals.get('airlock_B_button_2')!;
      expect(falls(button)).toEqual([expect.any(Number)]);
      expect(falls(button)[0]).toBeGreaterThanOrEqual(1000);
      expect(rises(button)).toEqual([expect.any(Number)]);
      expect(rises(button)[0]).toBeGreaterThan(falls(button)[0]);
    } finally { await bench.close(); }
  });
});
