import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetCompiledModules } from '../../scripts/lib/mcconfig';
import { preloadedModules } from '../../scripts/lib/firmware-modules';
import { loadBoard } from '../../boards/load';
import { provision } from '../net/harness';

const out = mkdtempSync(join(tmpdir(), 'firmware-'));
const env = { ...process.env };
delete env.MODDABLE;
const build = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-firmware.ts', ...args], { encoding: 'utf8', env });

describe('npm run build:firmware without the Moddable SDK', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const devkit = build('--board', 'esp32-devkitc', '--out', join(out, 'esp32-devkitc'));

  it('exits 1 and says nothing was compiled, so a CI job never takes it for a build', () => {
    expect(devkit.status).toBe(1);
    expect(devkit.stderr).toContain('build:firmware: nothing was compiled ($MODDABLE is not set): exit 1');
    expect(build('--board', 'pico', '--out', join(out, 'pico')).status).toBe(1);
  });

  it('prints the mcconfig command that builds the board for its platform', () => {
    expect(devkit.stdout).toContain(`mcconfig -m -t build -p esp32 -o ${join(out, 'esp32-devkitc')} ./manifest.json`);
    expect(devkit.stdout).toContain(`LAUNCH_BAY_BOARD=${join(out, 'esp32-devkitc')} `);
  });

  it('says exactly what to install: the SDK at the tested commit, its Debian packages, and ESP-IDF for an ESP32', () => {
    expect(devkit.stdout).toContain('sudo apt-get install gcc git wget make libncurses-dev flex bison gperf libglib2.0-dev libgtk-3-dev');
    expect(devkit.stdout).toContain('git checkout 48ee02d8');
    expect(devkit.stdout).toContain('export MODDABLE=');
    expect(devkit.stdout).toContain('cd $MODDABLE/build/makefiles/lin && make');
    expect(devkit.stdout).toContain('source $IDF_PATH/export.sh');
    expect(devkit.stdout).toContain('Flashing:');
  });

  it('builds with -t build, never the default, deploy or xsbug targets (their makefiles run pkill)', () => {
    const builds = devkit.stdout.split('\n').filter((l) => /^\s+LAUNCH_BAY_BOARD=.*mcconfig /.test(l));
    expect(builds).toHaveLength(1);
    expect(builds[0]).toContain(' -t build ');
  });

  it('writes the validated board as a module whose default export is the board', async () => {
    const module = await import(pathToFileURL(join(out, 'esp32-devkitc', 'board.js')).href);
    expect(module.default).toEqual(JSON.parse(readFileSync('boards/esp32-devkitc.json', 'utf8')));
    expect(module.mcu.name).toBe('esp32');
    expect(module.file).toBe('boards/esp32-devkitc.json');
  });

  it('writes the board module\'s types beside it, for the SDK\'s TypeScript compiler', () => {
    const types = readFileSync(join(out, 'esp32-devkitc', 'board.d.ts'), 'utf8');
    expect(types).toContain('export default board;');
    expect(types).toMatch(/export declare const mcu: import\(".*firmware\/board\/types"\)\.Mcu;/);
  });

  it('writes a module for each folder barrel, re-exporting its index', () => {
    expect(readFileSync(join(out, 'esp32-devkitc', 'barrels', 'firmware', 'board.js'), 'utf8')).toContain('export * from "./board/index";');
    expect(existsSync(join(out, 'esp32-devkitc', 'barrels', 'hal', 'drivers.js'))).toBe(true);
  });

  it('builds the Pico board for the pico platform and says how to flash it over BOOTSEL', () => {
    const pico = build('--board', 'pico', '--out', join(out, 'pico'));
    expect(pico.stdout).toContain('mcconfig -m -t build -p pico ');
    expect(pico.stdout).toContain('BOOTSEL');
    expect(pico.stdout).toContain('gcc-arm-none-eabi');
  });

  it('adds -d for a debug build', () => {
    expect(build('--board', 'pico', '--debug', '--out', join(out, 'pico')).stdout).toContain('mcconfig -d -m -t build -p pico ');
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

describe('npm run build:firmware for a node (a board with a transport)', () => {
  const here = mkdtempSync(join(tmpdir(), 'firmware-node-'));
  const keys = join(here, 'keys');
  beforeAll(() => provision(['sim-bridge', 'sim-bay'], keys));
  afterAll(() => rmSync(here, { recursive: true, force: true }));
  const at = (name: string) => join(here, name);

  it('builds the node\'s provisioning into its image, with the MQTT start, the SDK modules and our typings', async () => {
    const r = build('--board', 'sim-bay', '--keys', join(keys, 'bay.json'), '--out', at('bay'), 'ssid=ship', 'password=hunter2');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('Node bay joins the bus over mqtt (the broker 127.0.0.1:1883)');
    expect(r.stdout).toMatch(/mcconfig -m -t build -p lin .* \.\/manifest\.json ssid=ship password=<password>/);
    expect(r.stdout).not.toContain('hunter2');
    expect(readFileSync(at('bay/node-start.js'), 'utf8')).toContain('export { default } from "firmware/net/moddable/mqtt-node"');
    const built = (await import(pathToFileURL(at('bay/provision.js')).href)).default;
    expect(built).toEqual(JSON.parse(readFileSync(join(keys, 'bay.json'), 'utf8')));
    const fragment = JSON.parse(readFileSync(at('bay/manifest_node.json'), 'utf8'));
    expect(fragment.include).toEqual(expect.arrayContaining(['$(MODDABLE)/modules/network/mqtt/manifest.json', '$(MODULES)/files/preference/manifest.json', '$(MODULES)/crypt/digest/manifest.json']));
    expect(fragment.modules.mqtt).toMatch(/firmware\/net\/moddable\/types\/mqtt$/);
    expect(fragment.modules.hmac).toEqual(['$(MODULES)/crypt/etc/hmac', expect.stringMatching(/firmware\/net\/moddable\/types\/hmac$/)]);
    expect(fragment.modules.provision).toBe(`${at('bay')}/provision`);
  });

  it('puts --broker in place of the board file\'s broker', async () => {
    const r = build('--board', 'sim-bay', '--keys', join(keys, 'bay.json'), '--out', at('bay-broker'), '--broker', 'broker.ship:18830');
    expect(r.status, r.stderr).toBe(1);
    const board = (await import(pathToFileURL(at('bay-broker/board.js')).href)).default;
    expect(board.transport).toEqual({ kind: 'mqtt', host: 'broker.ship', port: 18830 });
    expect(build('--board', 'sim-bay', '--keys', join(keys, 'bay.json'), '--broker', 'no-port').status).toBe(2);
    const lone = build('--board', 'sim', '--out', at('sim-broker'), '--broker', 'h:1');
    expect(lone.status).toBe(2);
    expect(lone.stderr).toContain('transport: --broker is for a board whose transport is MQTT');
    const keyed = build('--board', 'sim', '--out', at('sim-keys'), '--keys', join(keys, 'bay.json'));
    expect(keyed.status).toBe(2);
    expect(keyed.stderr).toContain('--keys: boards/sim.json names no transport');
  });

  it('refuses, naming the file and what to run, when the node has no provisioning', () => {
    const r = build('--board', 'sim-bay', '--keys', join(keys, 'nobody.json'), '--out', at('none'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/names a transport, so its image needs node bay's provisioning: cannot read .*nobody\.json .*npm run keys/);
    expect(existsSync(at('none/provision.js'))).toBe(false);
  });

  it('refuses another node\'s provisioning, naming the field', () => {
    const r = build('--board', 'sim-bay', '--keys', join(keys, 'bridge.json'), '--out', at('wrong'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bridge\.json: node: is "bridge", this is node "bay"/);
  });

  it('builds a lone board with no node: node-start exports nothing, and no provisioning is written', async () => {
    const r = build('--board', 'sim', '--out', at('sim'));
    expect(r.status, r.stderr).toBe(1);
    expect((await import(pathToFileURL(at('sim/node-start.js')).href)).default).toBeUndefined();
    expect(existsSync(at('sim/provision.js'))).toBe(false);
    // The fragment also lists the modules to preload (scripts/lib/firmware-modules.ts): no bus, so nothing of firmware/net.
    const fragment = JSON.parse(readFileSync(at('sim/manifest_node.json'), 'utf8'));
    expect(fragment.modules).toEqual({ 'node-start': `${at('sim')}/node-start` });
    expect(fragment.preload).toEqual(preloadedModules(loadBoard('sim')));
    expect(fragment.preload).not.toContain('node-start');
  });
});

describe('npm run build:firmware with $MODDABLE set', () => {
  /** A stand-in SDK whose mcconfig records how it was called, prints `says`, and exits with `status`. */
  function standIn(says: string, status: number) {
    const sdk = mkdtempSync(join(tmpdir(), 'moddable-'));
    const bin = join(sdk, 'build', 'bin', process.platform === 'darwin' ? 'mac' : 'lin', 'release');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'mcconfig'), `#!/bin/sh\necho "$PWD|$LAUNCH_BAY_BOARD|$*|$PATH" > "${join(sdk, 'called')}"\n${says}\nexit ${status}\n`, { mode: 0o755 });
    const target = join(sdk, 'out');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-firmware.ts', '--board', 'pico', '--out', target],
      { encoding: 'utf8', env: { ...env, MODDABLE: sdk, PICO_SDK_DIR: '/nowhere' } });
    const [cwd, board, args, path] = readFileSync(join(sdk, 'called'), 'utf8').trim().split('|');
    rmSync(sdk, { recursive: true, force: true });
    return { r, cwd, board, args, path: path!.split(':'), target, bin };
  }

  it('runs the SDK\'s mcconfig from the repository root, with the generated modules\' folder in LAUNCH_BAY_BOARD', () => {
    const { r, cwd, board, args, target } = standIn('', 3);
    expect(r.status).toBe(3);
    expect(cwd).toBe(process.cwd());
    expect(board).toBe(target);
    expect(args).toBe(`-m -t build -p pico -o ${target} ./manifest.json`);
  });

  it('puts this repository\'s pinned tsc and the SDK\'s tools first on PATH', () => {
    const { path, bin } = standIn('', 0);
    expect(path[0]).toBe(join(process.cwd(), 'node_modules', '.bin'));
    expect(path[1]).toBe(bin);
  });

  it('fails loudly on a TypeScript compile failure even when make exits 0 (stale output from an earlier build)', () => {
    const { r } = standIn('echo "main.ts(3,1): error TS2322: nope"; echo "# typescript compile failure"', 0);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('build:firmware FAILED for pico: TypeScript failed');
  });

  it('deletes the TypeScript step\'s earlier output before building, so every module is compiled again', () => {
    const sdk = mkdtempSync(join(tmpdir(), 'stale-'));
    const stale = join(sdk, 'tmp', 'pico', 'release', 'launch-bay', 'tsc');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'main.js'), 'stale');
    forgetCompiledModules(sdk);
    expect(existsSync(stale)).toBe(false);
    rmSync(sdk, { recursive: true, force: true });
  });
});
