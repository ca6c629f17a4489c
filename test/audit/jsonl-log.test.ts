// The host audit file: rotation at its size bound, torn lines after a crash, and a disk that refuses writes.
import * as fs from 'node:fs';
import mock from 'mock-fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { AuditFile, readAuditFile } from '../../views/audit/jsonl-log';

const entry = (t: number): ControllerReport => ({ t, kind: 'transition', machine: 'bay door', from: 'closed', to: 'opening', event: 'open requested' });
// Every entry is stamped with the wall clock it was written at.
const EPOCH = '1970-01-01T00:00:00.000Z';
const now = () => new Date(0);
const logged = (t: number) => ({ ...entry(t), at: EPOCH });

afterEach(() => { mock.restore(); vi.restoreAllMocks(); });

describe('the audit file', () => {
  it('appends one JSON line per report', () => {
    mock({ '/logs': {} });
    const log = new AuditFile({ path: '/logs/audit.jsonl', now });
    log.append(entry(1)); log.append(entry(2));
    expect(readAuditFile('/logs/audit.jsonl')).toEqual({ entries: [logged(1), logged(2)], torn: 0 });
  });

  it('creates the folder it writes into', () => {
    mock({});
    new AuditFile({ path: '/var/log/launch-bay/audit.jsonl', now }).append(entry(1));
    expect(readAuditFile('/var/log/launch-bay/audit.jsonl').entries).toEqual([logged(1)]);
  });

  it('rotates at its size bound and keeps the given number of old files', () => {
    mock({ '/logs': {} });
    const bytes = JSON.stringify(logged(0)).length + 1;
    const log = new AuditFile({ path: '/logs/audit.jsonl', maxBytes: bytes * 2, keep: 2, now });
    for (let t = 0; t < 7; t++) log.append(entry(t));
    expect(fs.readdirSync('/logs').sort()).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    expect(readAuditFile('/logs/audit.jsonl').entries.map((e) => e.t)).toEqual([6]);
    expect(readAuditFile('/logs/audit.jsonl.1').entries.map((e) => e.t)).toEqual([4, 5]);
    expect(readAuditFile('/logs/audit.jsonl.2').entries.map((e) => e.t)).toEqual([2, 3]);
    for (const f of fs.readdirSync('/logs')) expect(fs.statSync(`/logs/${f}`).size).toBeLessThanOrEqual(bytes * 2);
  });

  it('skips a torn last line left by a crash, and starts the next entry on a fresh line', () => {
    mock({ '/logs/audit.jsonl': `${JSON.stringify(entry(1))}\n{"t":2,"kind":"tra` });
    const log = new AuditFile({ path: '/logs/audit.jsonl', now });
    log.append(entry(3));
    expect(readAuditFile('/logs/audit.jsonl')).toEqual({ entries: [entry(1), logged(3)], torn: 1 });
  });

  it('reports a read-only disk once and keeps accepting reports', () => {
    // mock-fs enforces permissions only for a non-root user, and CI runs as root.
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    vi.spyOn(process, 'getgid').mockReturnValue(1000);
    mock({ '/logs': mock.directory({ mode: 0o555, uid: 0, gid: 0, items: { 'audit.jsonl': mock.file({ content: '', mode: 0o444, uid: 0, gid: 0 }) } }) });
    const errors: Error[] = [];
    const log = new AuditFile({ path: '/logs/audit.jsonl', onError: (e) => errors.push(e) });
    expect(() => { log.append(entry(1)); log.append(entry(2)); }).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/EACCES|EROFS|permission/i);
    expect(log.dropped).toBe(2);
  });

  it('reports a full disk and recovers when space returns', () => {
    mock({ '/logs': {} });
    const errors: Error[] = [];
    let full = true;
    const disk = { ...fs, appendFileSync: (...args: Parameters<typeof fs.appendFileSync>) => {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      fs.appendFileSync(...args);
    } };
    const log = new AuditFile({ path: '/logs/audit.jsonl', onError: (e) => errors.push(e), fs: disk });
    log.append(entry(1));
    log.append(entry(1));
    full = false;
    log.append(entry(2));
    expect(errors.map((e) => e.message)).toEqual(['ENOSPC: no space left on device']);
    expect(readAuditFile('/logs/audit.jsonl').entries.map((e) => e.t)).toEqual([2]);
    expect(log.dropped).toBe(2);
  });
});

describe('the audit file across runs', () => {
  it('begins each run with a marker (wall-clock start, board, seed, command), and every entry names its run', () => {
    mock({ '/logs': {} });
    let wall = Date.parse('2026-12-06T20:00:00.000Z');
    const clock = () => new Date(wall);
    const first = new AuditFile({ path: '/logs/audit.jsonl', now: clock });
    first.startRun({ board: 'sim', seed: 1, command: 'npm start -- --timeline' });
    first.append(entry(500));
    wall += 60_000;
    const second = new AuditFile({ path: '/logs/audit.jsonl', now: clock });
    second.startRun({ board: 'sim', seed: 7, command: 'npm start -- --seed 7' });
    second.append(entry(100));
    const lines = readAuditFile('/logs/audit.jsonl').entries as unknown as { [k: string]: unknown }[];
    expect(lines.map((l) => [l.kind, l.run, l.t])).toEqual([
      ['run started', '2026-12-06T20:00:00.000Z', 0], ['transition', '2026-12-06T20:00:00.000Z', 500],
      ['run started', '2026-12-06T20:01:00.000Z', 0], ['transition', '2026-12-06T20:01:00.000Z', 100],
    ]);
    expect(lines[2]).toMatchObject({ at: '2026-12-06T20:01:00.000Z', board: 'sim', seed: 7, command: 'npm start -- --seed 7', pid: process.pid, note: 't is simulated ms since this run started' });
  });

  it('records an operator\'s input with its source, what it asked and what came of it', () => {
    mock({ '/logs': {} });
    const log = new AuditFile({ path: '/logs/audit.jsonl', now });
    log.startRun({ board: 'sim', seed: 1, command: 'npm start' });
    log.operator({ t: 1200, source: 'web 127.0.0.1', input: 'press {"signal":"airlock B button 2"}', answer: 'pressed airlock B button 2' });
    log.operator({ t: 1300, source: 'keyboard', input: 'key "j" then "x"', answer: 'jam: unknown door', ok: false });
    expect(readAuditFile('/logs/audit.jsonl').entries.slice(1)).toEqual([
      { t: 1200, kind: 'operator', run: EPOCH, at: EPOCH, source: 'web 127.0.0.1', input: 'press {"signal":"airlock B button 2"}', answer: 'pressed airlock B button 2' },
      { t: 1300, kind: 'operator', run: EPOCH, at: EPOCH, source: 'keyboard', input: 'key "j" then "x"', answer: 'jam: unknown door', ok: false },
    ]);
  });
});
