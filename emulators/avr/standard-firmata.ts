// The genuine StandardFirmata for the Uno and the Mega: taken from the npm registry at test or run time (never
// committed), as `npm pack avrgirl-arduino@5.0.1` ships it (junk/hex/uno/ and junk/hex/mega/StandardFirmata.cpp.hex,
// Firmata 2.4, MIT), and cached outside git under node_modules/.cache. The package is never installed: one of its
// dependencies is a git URL.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../boards/load';
import { CHIPS, UNO, type AvrChip } from './chips';

const FIRMATA_PACKAGE = 'avrgirl-arduino@5.0.1';

export const standardFirmataCache = (chip: AvrChip = UNO): string =>
  join(repoRoot, 'node_modules', '.cache', 'launch-bay', `StandardFirmata-${chip.mcu}-avrgirl-5.0.1.hex`);

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * The chip's hex, fetched with npm the first time and cached; a file whose SHA-256 is not the one this project checked
 * is refused, not run. Throws, saying what failed, when npm cannot get it.
 */
export function standardFirmataHex(chip: AvrChip = UNO): string {
  const cached = standardFirmataCache(chip);
  const MEMBER = `package/${chip.hex.member}`;
  if (existsSync(cached)) {
    const text = readFileSync(cached);
    if (sha256(text) === chip.hex.sha256) return text.toString('latin1');
  }
  const work = mkdtempSync(join(tmpdir(), 'standard-firmata-'));
  try {
    let tarball: string;
    try {
      const out = execFileSync('npm', ['pack', FIRMATA_PACKAGE, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      tarball = join(work, out.trim().split('\n').pop()!.trim());
    } catch (e) {
      throw new Error(`StandardFirmata: \`npm pack ${FIRMATA_PACKAGE}\` failed, so the genuine firmware is not here (${firstLine(e)}); the emulated board needs the npm registry once, then runs from ${cached}`);
    }
    // One package carries the hex of every chip: each is checked and cached, so one fetch serves them all.
    const members = CHIPS.map((c) => `package/${c.hex.member}`);
    try {
      execFileSync('tar', ['xzf', tarball, '-C', work, ...members], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      throw new Error(`StandardFirmata: ${FIRMATA_PACKAGE} lacks one of ${members.map((m) => m.replace('package/', '')).join(', ')} (${firstLine(e)})`);
    }
    for (const c of CHIPS) {
      const member = `package/${c.hex.member}`, got = readFileSync(join(work, member));
      if (sha256(got) !== c.hex.sha256) throw new Error(`StandardFirmata: ${c.hex.member} in ${FIRMATA_PACKAGE} is not the file this project checked (SHA-256 ${sha256(got)}, expected ${c.hex.sha256})`);
      const file = standardFirmataCache(c);
      mkdirSync(join(file, '..'), { recursive: true });
      // Written aside and renamed, so a concurrent reader never sees half a file.
      const partial = `${file}.${process.pid}.part`;
      writeFileSync(partial, got);
      renameSync(partial, file);
    }
    const text = readFileSync(join(work, MEMBER));
    return text.toString('latin1');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function firstLine(e: unknown): string {
  const err = e as { stderr?: Buffer | string; message?: string };
  const text = String(err.stderr ?? '').trim() || err.message || String(e);
  return text.split('\n').find((l) => l.trim() !== '')!.trim();
}
