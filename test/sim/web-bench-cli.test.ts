// The web bench's small promises, without a browser: the clock never shows 60 seconds, /favicon.ico is served,
// and `npm start -- --web` writes the audit log like `npm start`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditFile } from '../../views/audit/jsonl-log';
import { formatTime } from '../../views/terminal/timeline';

describe('the clock', () => {
  it('rounds before it splits: 59.95 s at a tenth is 00:01:00.0, never 00:00:60.0', () => {
    expect(formatTime(59_950, 1)).toBe('00:01:00.0');
    expect(formatTime(3_599_999, 1)).toBe('01:00:00.0');
    expect(formatTime(59_999.6)).toBe('00:01:00.000');
    expect(formatTime(61_234)).toBe('00:01:01.234');
  });
});

describe('npm start -- --web', () => {
  it('serves a favicon and writes every report to the audit log', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'web-audit-')), 'logs', 'audit.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--web', '--port', '0', '--speed', '20', '--audit-log', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: string) => { out += c; const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out); if (m) resolve(m[0]); });
        child.on('exit', () => reject(new Error(`the bench exited: ${out}`)));
      });
      expect(out).toContain(`audit log ${log}`);
      const icon = await fetch(`${url}favicon.ico`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      const origin = url.slice(0, -1);
      const press = await fetch(`${url}api/press`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ signal: 'airlock B button 2' }) });
      expect(press.status).toBe(200);
      // Real time at ×20: the press is taken within a few simulated seconds.
      for (let i = 0; i < 100 && !(existsSync(log) && readAuditFile(log).entries.some((e) => e.machine === 'airlock B')); i++) await new Promise((r) => setTimeout(r, 100));
      expect(readAuditFile(log).entries.find((e) => e.machine === 'airlock B')).toMatchObject({ kind: 'transition', from: 'closed pressurized', to: 'opening outer' });
      // Who pressed what, and when: the page's inputs, taken or refused, with where they came from.
      await fetch(`${url}api/press`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ signal: 'toString' }) });
      const entries = readAuditFile(log).entries as unknown as { [field: string]: unknown }[];
      expect(entries[0]).toMatchObject({ kind: 'run started', board: 'sim', command: expect.stringContaining('npm start -- --web') });
      expect(entries.filter((e) => e.kind === 'operator').map((e) => [e.source, e.input, e.answer, e.ok])).toEqual([
        ['web 127.0.0.1', 'press {"signal":"airlock B button 2"}', 'pressed airlock B button 2', undefined],
        ['web 127.0.0.1', 'press {"signal":"toString"}', 'no button named "toString"', false],
      ]);
    } finally { child.kill('SIGTERM'); }
  });
});
