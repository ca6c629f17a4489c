// `npm start` off a terminal: with stdin closed it still runs, prints a timeline, takes keys from a pipe,
// writes the audit log, and stops at --duration.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditFile } from '../../sim/audit/jsonl-log';

describe('npm start off a terminal', () => {
  it('runs with a closed stdin, prints a timeline of a pressed button, and writes the audit log', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'start-')), 'audit.jsonl');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/start.ts', '--speed', '100', '--duration', '20', '--audit-log', log],
      { input: 'w', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('timeline follows');
    expect(r.stdout).toMatch(/airlock B\s+closed pressurized → opening outer {2}on "ask open outer"/);
    expect(readAuditFile(log).entries.some((e) => e.machine === 'airlock B' && e.to === 'outer open friendly')).toBe(true);
  });

  it('lists its keys with --help', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/start.ts', '--help'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/Buttons: airlock A 1 2 3 4/);
    expect(r.stdout).toMatch(/Deck: A active requested, R ready requested, X relaxed requested/);
  });
});
