// Bad values that once crashed or hung a tool: each is refused at once with a clear message and exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../sim/scenario/json-lines';

const dir = mkdtempSync(join(tmpdir(), 'bad-values-'));
// A hang is a failure: 30 s is far past any of these answers.
const tsx = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 30_000, input: '' });

function refused(r: ReturnType<typeof tsx>, message: string | RegExp): void {
  expect(r.signal, 'it hung').toBeNull();
  expect(r.status).toBe(2);
  if (typeof message === 'string') expect(r.stderr).toContain(message); else expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad values, refused with exit 2', () => {
  it('npm run node -- --broker with a port past 65535', () => {
    refused(tsx('scripts/node.ts', '--board', 'sim-bridge', '--broker', 'mqtt://127.0.0.1:99999'), 'node: --broker "mqtt://127.0.0.1:99999": port 99999 is not from 1 to 65535');
  });

  it('npm run node -- --keys /dev/zero (a device is never read)', () => {
    refused(tsx('scripts/node.ts', '--board', 'sim-bridge', '--broker', 'mqtt://127.0.0.1:1', '--keys', '/dev/zero'), 'node: --keys: cannot read /dev/zero (not a regular file)');
  });

  it('npm run keys -- --out an existing file, or a folder that cannot be made', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    refused(tsx('scripts/keys.ts', '--out', file), `keys: --out ${file} is a file, not a folder`);
    refused(tsx('scripts/keys.ts', '--out', '/proc/nope/x'), /keys: cannot write into \/proc\/nope\/x: ENOENT.*mkdir '\/proc\/nope'/);
  });

  it('npm start -- --audit-log in a folder that cannot be made (/proc/nope/x)', () => {
    refused(tsx('scripts/start.ts', '--audit-log', '/proc/nope/x', '--duration', '1'), /start: --audit-log \/proc\/nope\/x: cannot create its folder \(ENOENT/);
  });

  it('npm run scenario on a file nested 5,000 deep, naming the file, line and field', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"name":"deep","steps":[{"at":0,"expect":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]}`);
    refused(tsx('scripts/scenario.ts', file), new RegExp(`scenario: ${file}:1: steps\\[0\\]\\.expect(\\.a)+: nested more than ${MAX_JSON_DEPTH} levels deep`));
  });

  it('npm run scenario on a device (/dev/zero)', () => {
    refused(tsx('scripts/scenario.ts', '/dev/zero'), 'scenario: cannot read /dev/zero: not a regular file');
  });
});
