// docs/BENCHMARKS.md's XS dispatch profile is what `npx tsx bench/xs/profile.ts --write` measured, on the engine in
// firmware/core now: the table must be the one the record gives, and the record must have timed this engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineHash, PROFILE_JSON, profileTable, withProfile, type ProfileFile } from '../../scripts/lib/dispatch-profile';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/BENCHMARKS.md', root), 'utf8');
const file = JSON.parse(readFileSync(new URL(PROFILE_JSON, root), 'utf8')) as ProfileFile;
const RERUN = 'rerun npx tsx bench/xs/profile.ts 5 --before <older firmware/core> --write (docs/BENCHMARKS.md)';

describe('the XS dispatch profile in docs/BENCHMARKS.md', () => {
  it('has the table the recorded profile gives', () => {
    expect(withProfile(page, file) === page, `docs/BENCHMARKS.md's profile table is not bench/xs/profile.json's: ${RERUN}`).toBe(true);
  });

  it('was measured on the engine in firmware/core now', () => {
    expect(file.after?.engine, `firmware/core changed since the profile was taken: ${RERUN}`).toBe(engineHash(new URL('firmware/core', root).pathname));
  });

  it('compares it with an older engine, timed in the same run on the same layers', () => {
    expect(file.before, `no \`before\` profile: ${RERUN}`).toBeDefined();
    expect(file.before.engine).not.toBe(file.after.engine);
    expect(file.before.layers.map((l) => l.layer)).toEqual(file.after.layers.map((l) => l.layer));
    expect(file.before.date).toBe(file.after.date);
  });

  it('names each layer the profile times, from the bare loop to robot3', () => {
    const layers = file.after.layers.map((l) => l.layer);
    expect(layers[0]).toMatch(/^loop/);
    expect(layers).toContain('handle (dispatcher), hooks');
    expect(layers.at(-1)).toMatch(/^robot3/);
    const table = profileTable(file);
    for (const layer of layers) expect(table).toContain(layer);
  });

  it('bears out the page: the loop and one lookup by name already take over a fifth of what 10 times robot3 allows', () => {
    const ns = (prefix: string) => file.after.layers.find((l) => l.layer.startsWith(prefix))!.ns;
    expect(ns('event name lookup'), 'docs/BENCHMARKS.md says the lookup line is over a fifth of a tenth of robot3\'s: reword it').toBeGreaterThan(ns('robot3') / 10 / 5);
  });
});
