// docs/BENCHMARKS.md quotes the simulator's speed before and after each speed-up from the runs recorded in
// docs/sim-speed.json (bench/sim-speed-cli.ts's output): the latest at the top, earlier ones under `previous`;
// this fails when the page and the record disagree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Run { speed: number; cpuSpeed: number; wallS: number; cpuS: number }
interface Measurement { before: { runs: Run[] }; after: { runs: Run[] } }
const record: Measurement & { previous?: Measurement[] } = JSON.parse(readFileSync('docs/sim-speed.json', 'utf8'));
const page = readFileSync('docs/BENCHMARKS.md', 'utf8');

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const thousands = (x: number) => Math.round(x).toLocaleString('en-US');

/** The figures the page quotes, as it writes them. */
function simSpeedFigures(r: Measurement) {
  const cpu = (w: 'before' | 'after') => median(r[w].runs.map((x) => x.cpuSpeed));
  const wall = (w: 'before' | 'after') => median(r[w].runs.map((x) => x.speed));
  return {
    cpuBefore: `${thousands(cpu('before'))}×`, cpuAfter: `${thousands(cpu('after'))}×`,
    wallBefore: `${thousands(wall('before'))}×`, wallAfter: `${thousands(wall('after'))}×`,
    gain: `${(cpu('after') / cpu('before')).toFixed(2)} times`,
    runs: `${r.after.runs.length} runs`,
  };
}

describe('the simulation speed in docs/BENCHMARKS.md', () => {
  it('quotes the medians of the recorded runs, before and after', () => {
    for (const [what, text] of Object.entries(simSpeedFigures(record))) expect(page, what).toContain(text);
  });
  it('quotes the earlier measurements too', () => {
    for (const [i, m] of (record.previous ?? []).entries()) {
      for (const [what, text] of Object.entries(simSpeedFigures(m))) expect(page, `previous ${i}: ${what}`).toContain(text);
    }
  });
});
