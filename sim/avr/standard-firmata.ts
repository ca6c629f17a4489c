// The genuine StandardFirmata for the Uno: taken from the npm registry at test or run time (never committed), as
// `npm pack avrgirl-arduino@5.0.1` ships it (junk/hex/uno/StandardFirmata.cpp.hex, Firmata 2.4, MIT), and cached
// outside git under node_modules/.cache. The package is never installed: one of its dependencies is a git URL.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/board-file';

export const FIRMATA_PACKAGE = 'avrgirl-arduino@5.0.1';
const MEMBER = 'package/junk/hex/uno/StandardFirmata.cpp.hex';
/** The file's SHA-256 in that release: a different file is refused, not run. */
const SHA256 = '6d57ea7cf30e26c9c2f3a01ee37907d2c951f8bc9c27f84dddad12fa9c8b8f36';

export const standardFirmataCache = (): string => join(repoRoot, 'node_modules', '.cache', 'launch-bay', 'StandardFirmata-uno-avrgirl-5.0.1.hex');

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The hex's text, fetched with npm the first time and cached; throws, saying what failed, when npm cannot get it. */
export function standardFirmataHex(): string {
  const cached = standardFirmataCache();
  if (existsSync(cached)) {
    const text = readFileSync(cached);
    if (sha256(text) === SHA256) return text.toString('latin1');
  }
  const work = mkdtempSync(join(tmpdir(), 'standard-firmata-'));
  try {
    let tarball: string;
    try {
      const out = execFileSync('npm', ['pack', FIRMATA_PACKAGE, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      tarball = join(work, out.trim().split('\n').pop()!.trim());
    } catch (e) {
      throw new Error(`StandardFirmata: \`npm pack ${FIRMATA_PACKAGE}\` failed, so the genuine firmware is not here (${firstLine(e)}); the emulated Uno needs the npm registry once, then runs from ${cached}`);
    }
    try {
      execFileSync('tar', ['xzf', tarball, '-C', work, MEMBER], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      throw new Error(`StandardFirmata: ${FIRMATA_PACKAGE} has no ${MEMBER.replace('package/', '')} (${firstLine(e)})`);
    }
    const text = readFileSync(join(work, MEMBER));
    if (sha256(text) !== SHA256) throw new Error(`StandardFirmata: ${MEMBER.replace('package/', '')} in ${FIRMATA_PACKAGE} is not the file this project checked (SHA-256 ${sha256(text)}, expected ${SHA256})`);
    mkdirSync(join(cached, '..'), { recursive: true });
    // Written aside and renamed, so a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}.part`;
    writeFileSync(partial, text);
    renameSync(partial, cached);
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
