// `npm run mixed-cluster` without the SDK, and what `--keep` keeps: each process's output as a log file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLogs } from '../../scripts/lib/process-logs';

const env = { ...process.env };
delete env.MODDABLE;

describe('npm run mixed-cluster', () => {
  it('exits 1 saying what is missing when the Moddable SDK is not installed: nothing was run', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/mixed-cluster.ts'], { encoding: 'utf8', env, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mixed-cluster: .*MODDABLE/);
  });

  it('says in --help that --keep keeps every process\'s output as logs', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/mixed-cluster.ts', '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('logs/<process>.log: every line each');
  });

  it('keeps each process\'s lines, stderr marked, in logs/<process>.log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-'));
    const logs = writeLogs(dir, [{ name: 'bridge', lines: ['{"status":{}}', 'stderr: mqtt: refused'] }, { name: 'bay', lines: [] }]);
    expect(logs).toBe(join(dir, 'logs'));
    expect(readFileSync(join(logs, 'bridge.log'), 'utf8')).toBe('{"status":{}}\nstderr: mqtt: refused\n');
    expect(readFileSync(join(logs, 'bay.log'), 'utf8')).toBe('');
  });
});
