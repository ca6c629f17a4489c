// The genuine firmware comes from the npm registry at test time, as every dependency does, and never enters git.
// Takes about 3–10 s of wall time (one `npm pack` of a 2.6 MB package).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHIPS, MEGA, UNO } from '../../../emulators/avr/chips';
import { loadIntelHex } from '../../../emulators/avr/hex';
import { standardFirmataCache, standardFirmataHex } from '../../../emulators/avr/standard-firmata';
import { repoRoot } from '../../../scripts/lib/board-file';

describe('StandardFirmata for the emulated boards', () => {
  it('is fetched with npm pack when it is not cached, checked, and cached for every chip outside git', () => {
    for (const chip of CHIPS) rmSync(standardFirmataCache(chip), { force: true });
    const hex = standardFirmataHex(MEGA);
    for (const chip of CHIPS) {
      expect(existsSync(standardFirmataCache(chip))).toBe(true);
      // git ignores it (node_modules/), so it can never be committed.
      expect(execFileSync('git', ['check-ignore', standardFirmataCache(chip)], { cwd: repoRoot, encoding: 'utf8' }).trim()).toBe(standardFirmataCache(chip));
    }
    expect(loadIntelHex(hex, MEGA.flashBytes).length).toBe(MEGA.flashBytes / 2);
    // The second time it comes from the cache: the same text.
    expect(standardFirmataHex(UNO)).toBe(standardFirmataHex(UNO));
  });
});
