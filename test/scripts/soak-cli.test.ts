// `npm run soak` checks its options as the other tools do, and soaks any board that hosts the whole bay.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schedule } from '../../sim/campaign/schedule';
import { sixAirlockJson } from '../support/six-airlocks';

const soak = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/soak.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run soak', () => {
  it('prints its usage for --help and exits 0, running no campaign', () => {
    const r = soak('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run soak -- .*--board/);
    expect(r.stdout).not.toContain('campaigns on board');
  });

  it('refuses an unknown option, naming it, with exit 2', () => {
    const r = soak('--colour');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^soak: unknown option --colour\n\nusage: npm run soak/);
  });

  it('refuses a board that does not exist, or that hosts only part of the bay, instead of soaking sim', () => {
    const none = soak('--board', 'my-ship');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/soak: boards\/my-ship\.json: \(file\): no such board/);
    const part = soak('--board', 'sim-bay');
    expect(part.status).toBe(2);
    expect(part.stderr).toMatch(/soak: boards\/sim-bay\.json: hosts: a soak runs the whole bay on one board, and this one lacks battle deck, an airlock/);
  });

  it('soaks a ship with airlocks F and G from its board file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'soak-')), 'sim-six.json');
    writeFileSync(file, JSON.stringify(sixAirlockJson(), null, 2));
    const r = soak('--board', file, '--runs', '2', '--seed', '5');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('soak: 2 campaigns on board sim-six (airlocks A, B, C, D, F, G)');
    expect(r.stdout).toContain('soak: all 2 campaigns kept every invariant');
  });

  it('draws its campaigns from the board\'s airlocks: F\'s buttons and doors on a ship with F, none on the ship\'s four', () => {
    const named = (letters?: ('A' | 'B' | 'C' | 'D' | 'F' | 'G')[]) =>
      JSON.stringify(fc.sample(schedule(40, 2, 600_000, letters), { numRuns: 100, seed: 3 }));
    expect(named(['A', 'F'])).toMatch(/airlock F/);
    expect(named(['A', 'F'])).not.toMatch(/airlock B/);
    expect(named()).not.toMatch(/airlock F/);
  });
});
