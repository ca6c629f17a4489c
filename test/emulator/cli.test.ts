// The emulator's commands without an image or bootrom: they say exactly what to supply, and --help lists every option.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { checkEmulatable } from '../../emulators/rp2040/scenario';
import { parseScenario } from '../../sim/scenario/format';

function run(script: string, args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('npx', ['tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { status: x.status, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('npm run emulate', () => {
  it('says exactly what to supply when run without an image or a bootrom, and exits 2', () => {
    const r = run('scripts/emulate.ts', ['--board', 'pico']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/supply the firmware image: --image <file>, a \.uf2, \.elf or \.hex/);
    expect(r.stderr).toMatch(/supply the RP2040 bootrom: --bootrom <file>, the chip's 16384-byte mask ROM/);
  }, 30_000);

  it('documents every option it accepts in --help', () => {
    const help = run('scripts/emulate.ts', ['--help']).stdout;
    // Every key of the options object parseArgs is given.
    const keys = new Set([...readFileSync('scripts/emulate.ts', 'utf8').matchAll(/'?([\w-]+)'?: \{ type: '(?:string|boolean)'/g)].map((m) => m[1]));
    expect(keys.size).toBe(13);
    for (const k of keys) expect(help, `--${k}`).toMatch(new RegExp(`^  --${k}\\b`, 'm'));
  }, 30_000);

  it('refuses a bootrom that is not 16 KB, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulate-'));
    writeFileSync(join(dir, 'rom.bin'), new Uint8Array(100));
    writeFileSync(join(dir, 'app.hex'), ':00000001FF\n');
    const r = run('scripts/emulate.ts', ['--image', join(dir, 'app.hex'), '--bootrom', join(dir, 'rom.bin')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'rom.bin')}: a bootrom is the RP2040's 16384-byte mask ROM as raw binary; this file has 100 bytes`);
  }, 30_000);
});

describe('npm run scenario -- --emulate', () => {
  it('says what to supply without an image or a bootrom', () => {
    const r = run('scripts/scenario.ts', ['sim/scenarios/pico/door-e-jam-faults-at-deadline.json', '--emulate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--image <file>/);
    expect(r.stderr).toMatch(/--bootrom <file>/);
  }, 30_000);

  it('refuses, naming the step, an action the emulated Pico cannot take from the host', () => {
    const text = JSON.stringify({ name: 'x', board: 'pico', steps: [{ at: 0, wait: true }, { at: 10, reset: 'bay door' }] }, null, 1);
    const scenario = parseScenario(text, 'x.json');
    expect(() => checkEmulatable(scenario, loadBoard('pico'), 'x.json')).toThrow(/x\.json:\d+: steps\[1\]: "reset" is not available on the emulated Pico/);
  });

  it('refuses a request for which the board has no button', () => {
    const scenario = parseScenario(JSON.stringify({ name: 'x', board: 'pico', steps: [{ at: 0, request: 'ready' }] }), 'x.json');
    expect(() => checkEmulatable(scenario, loadBoard('pico'), 'x.json')).not.toThrow();
    const pico = loadBoard('pico'), noButtons = { ...pico, signals: { ...pico.signals } };
    delete noButtons.signals['deck ready request'];
    expect(() => checkEmulatable(scenario, noButtons, 'x.json')).toThrow(/has no "deck ready request" button/);
  });

  it('refuses a board for another chip', () => {
    const esp = parseScenario(JSON.stringify({ name: 'x', board: 'esp32-devkitc', steps: [{ at: 0, wait: true }] }), 'y.json');
    expect(() => checkEmulatable(esp, loadBoard('esp32-devkitc'), 'y.json')).toThrow(/board "esp32-devkitc" is for the esp32; the emulator is an RP2040/);
  });
});
