// knip finds nothing unused (files, exports, dependencies) that knip.jsonc does not explain. About 20 s on the
// shared two cores, so it runs with the rest of `npm test` rather than as a separate step.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('knip', () => {
  it('reports nothing unused beyond the exceptions knip.jsonc gives reasons for', () => {
    const r = spawnSync(process.execPath, [join('node_modules', 'knip', 'bin', 'knip.js'), '--no-progress', '--no-config-hints'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const issues = r.stdout.split('\n').filter((line) => line.trim() && !/^(Tag hints|Unused tag in )/.test(line));
    expect(issues).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
  }, 180_000);
});
