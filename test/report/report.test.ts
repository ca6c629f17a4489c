// `npm run scenario -- FILE --report out.html`: one self-contained HTML file, viewable offline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the scenario report', () => {
  it('is written by --report, self-contained: no script, no stylesheet or image from elsewhere, no link out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'report-')), 'deep', 'alice.html');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'sim/scenarios/alice.json', '--report', out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`report: ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    expect(html).toContain('<span class="verdict pass" id="verdict">PASSED</span>');
    expect(html).toMatch(/<svg [^>]*class="strip-charts"/);
    expect(html.match(/<tr class="passed">/g)).toHaveLength(8);
    expect(html).toContain('VETO: &quot;ask open outer&quot; refused in closing outer');
  });

  it('refuses --report without a file name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'sim/scenarios/alice.json', '--report'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--report needs a value/);
  });
});
