// docs/BENCHMARKS.md's XS floor is what `npx tsx bench/xs/floor.ts --write` measured, on the engine in firmware/core
// now: the table must be the one the record gives, the record must have timed this engine, and its bytecode counts
// (exact, unlike the times) must be what XS counts today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFloor } from '../../bench/xs/floor-count';
import { XsWorker } from '../../bench/xs/worker';
import { engineHash } from '../../scripts/lib/dispatch-profile';
import { FLOOR_JSON, withFloor, type FloorFile } from '../../scripts/lib/xs-floor';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/BENCHMARKS.md', root), 'utf8');
const file = JSON.parse(readFileSync(new URL(FLOOR_JSON, root), 'utf8')) as FloorFile;
const RERUN = 'rerun npx tsx bench/xs/floor.ts 7 --write on a quiet machine (docs/BENCHMARKS.md)';
const row = (name: string) => file.rows.find((r) => r.name === name)!;

describe('the XS floor in docs/BENCHMARKS.md', () => {
  it('has the table the record gives', () => {
    expect(withFloor(page, file) === page, `docs/BENCHMARKS.md's floor table is not ${FLOOR_JSON}'s: ${RERUN}`).toBe(true);
  });

  it('was measured on the engine in firmware/core now', () => {
    expect(file.engine, `firmware/core changed since the floor was measured: ${RERUN}`).toBe(engineHash(new URL('firmware/core', root).pathname));
  });

  it('counts the bytecodes XS counts today, implementation by implementation', async () => {
    const worker = XsWorker.start('floor-docs test');
    try {
      const now = await loadFloor(worker);
      expect(file.rows.map((r) => [r.name, r.bytecodes]), RERUN).toEqual(now.names.map((n, k) => [n, now.bytecodes[k]]));
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('bears out the page: no stand-in that fills the transition record reaches 10 times robot3', () => {
    const robot3 = row('robot3').ns;
    for (const name of ['+ transition record', '+ running flag and try', 'the same, in a closure', 'ours']) {
      expect(robot3 / row(name).ns, `${name} reached 10 times robot3 in the record: docs/BENCHMARKS.md ("Why the targets are missed") says it cannot; reword it, and try it in the engine`).toBeLessThan(10);
    }
  });
});
