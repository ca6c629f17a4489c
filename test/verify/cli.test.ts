// `npm run verify` prints its numbers as JSON, exits 1 with counterexamples and writes them as scenario files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/scenario/format';

const verify = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', ...args], { encoding: 'utf8' });

describe('npm run verify', () => {
  it('prints states, transitions, seconds and violations as JSON, and exits 0 when every property holds', () => {
    const run = verify('--json', '--airlocks', '0', '--faults', '0');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ states: expect.any(Number), transitions: expect.any(Number), seconds: expect.any(Number), violations: [] });
    expect(out.states).toBeGreaterThan(20);
    expect(run.stderr).toContain('custom:');
  });

  it('exits 1 with counterexamples when a rule is broken on purpose, each written as a scenario file the simulator can load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-'));
    const run = verify('--json', '--airlocks', '1', '--faults', '0', '--prompt-scan', '--no-leaks', '--break', 'recall', '--out', dir);
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.violations.length).toBeGreaterThan(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(out.violations.length);
    for (const f of files) expect(() => parseScenario(readFileSync(join(dir, f), 'utf8'), f)).not.toThrow();
    // Each with its report: the counterexample replayed and charted.
    for (const f of files) expect(readFileSync(join(dir, f.replace(/\.json$/, '.html')), 'utf8')).toMatch(/<h1>Scenario: .*<\/h1>[\s\S]*Counterexample of /);
  });

  it('breaks the controller\'s boot on purpose too: machines showing defaults before the sensors are read are caught', () => {
    const run = verify('--json', '--airlocks', '0', '--faults', '1', '--no-leaks', '--break', 'boot-defaults', '--out', mkdtempSync(join(tmpdir(), 'verify-')));
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).violations.map((v: { property: string }) => v.property)).toContain('boot window');
  });

  it('names the rules it can break when asked for one it does not know', () => {
    const run = verify('--break', 'gravity');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--break: no rule named "gravity"; the rules it can break: recall, hasty-door-e, no-airlock-rules, resume-after-reset, airlock-resumes, boot-defaults, resume-after-reboot, boot-remembers, deck-infers-goal');
  });

  it('refuses an unknown option with exit 2', () => {
    const run = verify('--frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown option --frobnicate');
  });
});
