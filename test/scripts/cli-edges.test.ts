// Every CLI's rough edges: bad values exit 2 with usage, never a stack trace or a hang.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000, input: '' });
const start = (...args: string[]) => tsx('scripts/start.ts', ...args);

function refusedWithUsage(r: ReturnType<typeof tsx>, message: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('npm start refuses bad options', () => {
  it('names an unknown board in one line, without a stack trace', () => {
    const r = start('--board', 'nosuch');
    refusedWithUsage(r, /start: boards\/nosuch\.json: .*no such board \(known boards: .*sim/);
  });

  it('refuses an infinite or huge speed instead of hanging', () => {
    for (const speed of ['Infinity', '1e9', '0', 'fast']) refusedWithUsage(start('--speed', speed), /--speed must be a number from 0\.25 to 1000.*\n[\s\S]*usage: npm start/);
  });

  it('refuses an infinite or negative duration, and a seed that is not a whole number', () => {
    refusedWithUsage(start('--duration', 'Infinity'), /--duration must be/);
    refusedWithUsage(start('--duration', '-1'), /--duration must be/);
    refusedWithUsage(start('--seed', '1.5'), /--seed must be a whole number/);
  });

  it('never takes a flag as the value of another (--token --timeline)', () => {
    refusedWithUsage(start('--web', '--host', '0.0.0.0', '--token', '--timeline'), /--token needs a value \(got the flag --timeline\)/);
    refusedWithUsage(start('--board'), /--board needs a value/);
  });

  it('says in --help what each airlock button asks for', () => {
    expect(start('--help').stdout).toContain('buttons 1 (bay side) and 2 (inside) ask for the outer door; 3 (inside) and 4 (ship side) for the inner door');
  });

  it('says an unknown option with its usage', () => {
    refusedWithUsage(start('--colour'), /unknown option --colour[\s\S]*usage: npm start/);
  });

  it('does not hang on an audit log that cannot be written or read back (/dev/full)', () => {
    const r = start('--audit-log', '/dev/full', '--duration', '5', '--speed', '50');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('timeline follows');
  });
});

describe('npm run scenario refuses bad use', () => {
  it('exits 2 with its usage when no file is given', () => {
    const r = tsx('scripts/scenario.ts');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run scenario -- <file\.json>/);
  });

  it('refuses a time too far away instead of hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    for (const step of ['{ "at": 1e15, "wait": true }', '{ "eventually": { "states": { "airlock A": "inner open" } }, "within": "99999999h" }']) {
      const file = join(dir, 'far.json');
      writeFileSync(file, `{ "name": "far", "steps": [ ${step} ] }`);
      const r = tsx('scripts/scenario.ts', file);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/far\.json:1: steps\[0\]\.(at|within): .*at most 24 h/);
    }
  });

  it('refuses an unknown option', () => {
    expect(tsx('scripts/scenario.ts', 'sim/scenarios/alice.json', '--colour').status).toBe(2);
  });
});

describe('npm run verify', () => {
  it('never takes a flag as the folder of --out', () => {
    const r = tsx('scripts/verify.ts', '--out', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out needs a folder \(got the flag --json\)/);
  });
});

describe('npm run keys and npm run soak', () => {
  it('never take a flag as a value', () => {
    const keys = tsx('scripts/keys.ts', '--boards', '--out', 'x');
    expect(keys.status).toBe(2);
    expect(keys.stderr).toMatch(/keys: --boards needs a value\nusage: npm run keys/);
    const soak = tsx('scripts/soak.ts', '--out', '--runs', '1');
    expect(soak.status).toBe(2);
    expect(soak.stderr).toMatch(/soak: --out needs a value \(got the flag --runs\)\n\nusage: npm run soak/);
  });
});

describe('npm run matrix', () => {
  it('refuses a width that is not a number of columns', () => {
    const r = tsx('scripts/matrix.ts', 'airlock', '--width', 'wide');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--width must be a whole number/);
  });

  it('fits 80 columns by default and prints the whole table with --wide', () => {
    const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
    expect(widest(tsx('scripts/matrix.ts', 'airlock').stdout)).toBeLessThanOrEqual(80);
    const wide = tsx('scripts/matrix.ts', 'airlock', '--wide').stdout;
    expect(widest(wide)).toBeGreaterThan(80);
    expect(wide).toMatch(/ask open outer .*│ ask open inner .*│ .*reset/);
  });
});
