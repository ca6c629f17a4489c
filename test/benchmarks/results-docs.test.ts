// docs/BENCHMARKS.md's results table is what `npm run bench -- --record` kept in docs/bench-runs.json: this fails when
// the page and the record disagree, and when the engine has changed since the runs were taken (its minified bytes,
// which are exact, are recorded with each run).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineBytes } from '../../bench/size';
import { PAGE, readRuns, withResults } from '../../bench/results-doc';

const runs = readRuns();

describe('the results in docs/BENCHMARKS.md', () => {
  it('hold the three latest recorded runs, as the generator writes them', () => {
    expect(runs).toHaveLength(3);
    const page = readFileSync(PAGE, 'utf8');
    expect(withResults(page, runs), 'rerun npm run bench -- --record').toBe(page);
  });

  it('were measured on the engine in firmware/core now', async () => {
    const now = await engineBytes();
    for (const run of runs) expect(run.result.bytes.engine, `run of ${run.at}: rerun npm run bench -- --record, three times`).toBe(now);
  });
});
