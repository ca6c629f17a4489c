// docs/VERIFICATION.md's table of the default runs is what `npm run verify` prints: the runs it names are the
// default ones, and the one-airlock run's counts match a fresh check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check, DEFAULT_RUNS, runByName } from '../../verify';

const page = readFileSync(new URL('../../docs/VERIFICATION.md', import.meta.url), 'utf8');
const table = page.slice(page.indexOf('<!-- verify:runs -->'), page.indexOf('<!-- /verify:runs -->'));
const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| run ')).map((line) => line.split('|').slice(1, -1).map((c) => c.trim()));
const count = (text: string) => Number(text.replace(/,/g, ''));

describe('docs/VERIFICATION.md, the default runs', () => {
  it('lists exactly the default runs, in order', () => {
    expect(rows.map((r) => r[0])).toEqual(DEFAULT_RUNS.map((r) => r.name));
  });

  // The four-airlock run takes minutes of CPU: its row is checked by hand against `npm run -s verify -- --json`.
  for (const name of ['one airlock, faults', 'two airlocks, faults']) {
    it(`gives the run "${name}" the states, orderings and transitions a fresh check finds`, () => {
      const row = rows.find((r) => r[0] === name)!;
      const r = check({ ...runByName(name)!.options, liveness: false });
      expect([count(row[2]), count(row[4])]).toEqual([r.states, r.transitions]);
      if (row[3] !== '–') expect(count(row[3].split(' ')[0])).toBe(r.concreteStates);
    }, 300_000);
  }

  it('gives every run numbers, with no placeholder left', () => {
    for (const r of rows) for (const cell of r.slice(2)) expect(cell).toMatch(/^([\d,.]+( \([\d.]+×\))?|–)$/);
  });
});
