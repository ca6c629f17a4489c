import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'firmware-'));
const env = { ...process.env };
delete env.MODDABLE;
const build = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-firmware.ts', ...args], { encoding: 'utf8', env });

describe('npm run build:firmware without the Moddable SDK', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const devkit = build('--board', 'esp32-devkitc', '--out', join(out, 'esp32-devkitc'));

  it('prints the mcconfig command that builds the board for its platform', () => {
    expect(devkit.status).toBe(0);
    expect(devkit.stdout).toContain(`mcconfig -m -p esp32 -o ${join(out, 'esp32-devkitc')} ./manifest.json`);
    expect(devkit.stdout).toContain(`LAUNCH_BAY_BOARD=${join(out, 'esp32-devkitc')} `);
  });

  it('prints how to set up the SDK and how to flash', () => {
    expect(devkit.stdout).toContain('export MODDABLE=');
    expect(devkit.stdout).toContain('Flashing:');
  });

  it('writes the validated board as a module whose default export is the board', async () => {
    const module = await import(pathToFileURL(join(out, 'esp32-devkitc', 'board.js')).href);
    expect(module.default).toEqual(JSON.parse(readFileSync('boards/esp32-devkitc.json', 'utf8')));
    expect(module.mcu.name).toBe('esp32');
    expect(module.file).toBe('boards/esp32-devkitc.json');
  });

  it('writes a module for each folder barrel, re-exporting its index', () => {
    expect(readFileSync(join(out, 'esp32-devkitc', 'barrels', 'firmware', 'board.js'), 'utf8')).toContain('export * from "./board/index";');
    expect(existsSync(join(out, 'esp32-devkitc', 'barrels', 'hal', 'drivers.js'))).toBe(true);
  });

  it('builds the Pico board for the pico platform and says how to flash it over BOOTSEL', () => {
    const pico = build('--board', 'pico', '--out', join(out, 'pico'));
    expect(pico.stdout).toContain('mcconfig -m -p pico ');
    expect(pico.stdout).toContain('BOOTSEL');
  });

  it('adds -d for a debug build', () => {
    expect(build('--board', 'pico', '--debug', '--out', join(out, 'pico')).stdout).toContain('mcconfig -d -m -p pico ');
  });

  it('exits 2 on an unknown board, naming the known ones', () => {
    const r = build('--board', 'esp8266');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown board "esp8266"; known boards: .*esp32-devkitc, .*pico, sim\b/);
  });

  it('exits 2 without a board', () => {
    const r = build();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run build:firmware -- --board <name>');
  });
});

describe('npm run build:firmware with $MODDABLE set', () => {
  it('runs the SDK\'s mcconfig from the repository root, with the generated modules\' folder in LAUNCH_BAY_BOARD', () => {
    // A stand-in mcconfig where the SDK keeps its tools: it records how it was called.
    const sdk = mkdtempSync(join(tmpdir(), 'moddable-'));
    const bin = join(sdk, 'build', 'bin', process.platform === 'darwin' ? 'mac' : 'lin', 'release');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'mcconfig'), `#!/bin/sh\necho "$PWD|$LAUNCH_BAY_BOARD|$*" > "${join(sdk, 'called')}"\nexit 3\n`, { mode: 0o755 });
    const target = join(sdk, 'out');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-firmware.ts', '--board', 'pico', '--out', target],
      { encoding: 'utf8', env: { ...env, MODDABLE: sdk } });
    const [cwd, board, args] = readFileSync(join(sdk, 'called'), 'utf8').trim().split('|');
    rmSync(sdk, { recursive: true, force: true });
    expect(r.status).toBe(3);
    expect(cwd).toBe(process.cwd());
    expect(board).toBe(target);
    expect(args).toBe(`-m -p pico -o ${target} ./manifest.json`);
  });
});
