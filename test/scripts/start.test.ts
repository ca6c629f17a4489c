// `npm start` off a terminal: with stdin closed it still runs, prints a timeline, takes keys from a pipe,
// writes the audit log, and stops at --duration.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditFile } from '../../views/audit/jsonl-log';
import { sixAirlockJson } from '../support/six-airlocks';

const start = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('npm start off a terminal', () => {
  it('runs with a closed stdin, prints a timeline of a pressed button, and writes the audit log', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'start-')), 'audit.jsonl');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--speed', '100', '--duration', '20', '--audit-log', log],
      { input: 'w', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('timeline follows');
    expect(r.stdout).toMatch(/airlock B\s+closed pressurized → opening outer {2}on "ask open outer"/);
    expect(readAuditFile(log).entries.some((e) => e.machine === 'airlock B' && e.to === 'outer open friendly')).toBe(true);
  });

  it('begins each run in the audit log with a marker, and records every key an operator pressed with what it did', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'start-')), 'audit.jsonl');
    expect(start(['--speed', '100', '--duration', '3', '--seed', '4', '--audit-log', log], 'wR').status).toBe(0);
    expect(start(['--speed', '100', '--duration', '2', '--audit-log', log], 'jB').status).toBe(0);
    const entries = readAuditFile(log).entries as unknown as { [field: string]: unknown }[];
    const markers = entries.filter((e) => e.kind === 'run started');
    expect(markers).toHaveLength(2);
    expect(markers[0]).toMatchObject({ board: 'sim', seed: 4, command: 'npm start -- --speed 100 --duration 3 --seed 4 --audit-log ' + log, t: 0 });
    expect(Date.parse(markers[0].at as string)).toBeLessThanOrEqual(Date.parse(markers[1].at as string));
    // Every entry names its run, so `t` (simulated ms since the run began) is never read across runs.
    expect(entries.every((e) => e.run === markers[0].run || e.run === markers[1].run)).toBe(true);
    const inputs = entries.filter((e) => e.kind === 'operator').map((e) => [e.run === markers[0].run ? 1 : 2, e.source, e.input, e.answer]);
    expect(inputs).toEqual([
      [1, 'keyboard', 'key "w"', 'airlock B button 2'], [1, 'keyboard', 'key "R"', 'deck: ready requested'],
      [2, 'keyboard', 'key "j"', expect.stringMatching(/^jam which door\?/)], [2, 'keyboard', 'key "B"', 'airlock B inner door jammed'],
    ]);
  });

  it('lists the keys of every airlock its board hosts with --help, airlock F and G too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'start-')), 'sim-six.json');
    writeFileSync(file, JSON.stringify(sixAirlockJson()));
    const r = start(['--board', file, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Buttons: airlock A 1 2 3 4 | B q w e r | C a s d f | D z x c v | F 5 6 7 8 | G t y i o');
    expect(r.stdout).toContain('j then e|abcdfg|ABCDFG jam');
  });

  it('lists its keys with --help', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--help'], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/Buttons: airlock A 1 2 3 4/);
    expect(r.stdout).toMatch(/Deck: A active requested, R ready requested, X relaxed requested/);
  });
});
