// On a machine without chromium, socat or mosquitto, `npm test` passes what it can and names what it skipped,
// with the command that installs it; under CI=true a skip fails the run. (TEST_WITHOUT pretends a program is missing.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirements } from '../support/requirements';

const vitest = (env: NodeJS.ProcessEnv, ...files: string[]) => spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files],
  { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

describe('npm test on a fresh machine', () => {
  it('skips the suites that need a missing program, passes the rest, and ends naming them and the install command', () => {
    const r = vitest({ TEST_WITHOUT: 'chromium,mosquitto', CI: '' }, 'test/web/server.test.ts', 'test/net/mqtt.test.ts', 'test/scripts/matrix-tool.test.ts');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SKIPPED suites, for want of programs this machine lacks:\n {2}test\/web\/\*\*\/\*\.test\.ts {2}\(needs chromium\)\n {2}test\/net\/mqtt\.test\.ts {2}\(needs mosquitto\)/);
    expect(r.stdout).toContain('sudo apt-get install -y chromium mosquitto');
    expect(r.stdout).toMatch(/Test Files .*1 passed/);
  });

  it('fails the run under CI=true instead of skipping', () => {
    const r = vitest({ TEST_WITHOUT: 'socat', CI: 'true' }, 'test/scripts/matrix-tool.test.ts');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/CI=true and socat missing: .*Install with: sudo apt-get install -y socat/);
  });

  it('knows every suite that starts chromium, socat, mosquitto, GTKWave\'s tools or tmux', () => {
    const listed = (file: string) => requirements.some((q) => q.suites.some((s) => s === file || (s.endsWith('/**/*.test.ts') && file.startsWith(s.slice(0, -'**/*.test.ts'.length)))));
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
    for (const file of walk('test').filter((f) => f.endsWith('.test.ts') && !f.endsWith('fresh-machine.test.ts'))) {
      if (/launchChromium|openPtyPair|spawn\('mosquitto'|\/usr\/bin\/(vcd2fst|tmux)'/.test(readFileSync(file, 'utf8'))) expect(listed(file), file).toBe(true);
    }
  });
});
