// The host audit file: rotation at its size bound, torn lines after a crash, and a disk that refuses writes.
import * as fs from 'node:fs';
import mock from 'mock-fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { AuditFile, readAuditFile } from '../../sim/audit/jsonl-log';

const entry = (t: number): ControllerReport => ({ t, kind: 'transition', machine: 'bay door', from: 'closed', to: 'opening', event: 'open requested' });

afterEach(() => { mock.restore(); vi.restoreAllMocks(); });

describe('the audit file', () => {
  it('appends one JSON line per report', () => {
    mock({ '/logs': {} });
    const log = new AuditFile({ path: '/logs/audit.jsonl' });
    log.append(entry(1)); log.append(entry(2));
    expect(readAuditFile('/logs/audit.jsonl')).toEqual({ entries: [entry(1), entry(2)], torn: 0 });
  });

  it('creates the folder it writes into', () => {
    mock({});
    new AuditFile({ path: '/var/log/launch-bay/audit.jsonl' }).append(entry(1));
    expect(readAuditFile('/var/log/launch-bay/audit.jsonl').entries).toEqual([entry(1)]);
  });

  it('rotates at its size bound and keeps the given number of old files', () => {
    mock({ '/logs': {} });
    const bytes = JSON.stringify(entry(0)).length + 1;
    const log = new AuditFile({ path: '/logs/audit.jsonl', maxBytes: bytes * 2, keep: 2 });
    for (let t = 0; t < 7; t++) log.append(entry(t));
    expect(fs.readdirSync('/logs').sort()).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    expect(readAuditFile('/logs/audit.jsonl').entries.map((e) => e.t)).toEqual([6]);
    expect(readAuditFile('/logs/audit.jsonl.1').entries.map((e) => e.t)).toEqual([4, 5]);
    expect(readAuditFile('/logs/audit.jsonl.2').entries.map((e) => e.t)).toEqual([2, 3]);
    for (const f of fs.readdirSync('/logs')) expect(fs.statSync(`/logs/${f}`).size).toBeLessThanOrEqual(bytes * 2);
  });

  it('skips a torn last line left by a crash, and starts the next entry on a fresh line', () => {
    mock({ '/logs/audit.jsonl': `${JSON.stringify(entry(1))}\n{"t":2,"kind":"tra` });
    const log = new AuditFile({ path: '/logs/audit.jsonl' });
    log.append(entry(3));
    expect(readAuditFile('/logs/audit.jsonl')).toEqual({ entries: [entry(1), entry(3)], torn: 1 });
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
