// `npm run verify` refuses a rule it cannot break, and ends with what it checked and what it found.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 240_000 });
const small = ['--airlocks', '1', '--faults', '0'];

describe('npm run verify', () => {
  it('refuses --break with a rule it does not know, even one every object has (toString), and lists the known ones', () => {
    for (const rule of ['toString', 'constructor', '__proto__', 'nosuch']) {
      const r = tsx('scripts/verify.ts', '--break', rule);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`verify: --break: no rule named ${JSON.stringify(rule)}; the rules it can break: recall, hasty-door-e, no-airlock-rules, resume-after-reset, airlock-resumes, boot-defaults, resume-after-reboot, boot-remembers, deck-infers-goal`);
      expect(r.stdout).toBe('');
    }
  });

  it('ends with a verdict line when every property holds', () => {
    const r = tsx('scripts/verify.ts', ...small, '--no-leaks', '--no-reboot');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^verify: every property holds \(1 run, [\d,]+ states, [\d.]+ s\)\.$/);
  });

  it('says a broken rule was caught, and that its counterexamples fail when replayed on the real rules, which they do', () => {
    const out = mkdtempSync(join(tmpdir(), 'verify-'));
    const r = tsx('scripts/verify.ts', ...small, '--break', 'recall', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^verify: the broken rule "recall" was caught: \\d+ counterexamples \\(1 run, .*\\); \\d+ scenario files in ${out}\\. .*on the real rules each replay fails\\.$`));
    expect(r.stdout).toMatch(/scenario: .*\.json\n {3}\(found with the rule "recall" broken \(--break recall\): replayed by npm run scenario on the real rules it fails/);
    const file = join(out, readdirSync(out).find((f) => f.endsWith('--recall-logic.json'))!);
    expect(JSON.parse(readFileSync(file, 'utf8')).description).toContain('found with the rule "recall" broken');
    expect(tsx('scripts/scenario.ts', file).status).toBe(1);
  });
});
