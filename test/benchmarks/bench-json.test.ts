// `npm run bench -- --json` prints exactly one JSON object of the documented shape (here on its tiny --quick setting),
// and on XS the engine allocates nothing per event.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBoards, loadBoard } from '../../scripts/lib/board-file';

let stdout = '', status: number | null = null, stderr = '';

describe('npm run bench -- --json', () => {
  beforeAll(() => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--json', '--quick'], { encoding: 'utf8', timeout: 120_000 });
    stdout = run.stdout; stderr = run.stderr; status = run.status;
  }, 130_000);

  it('exits 0 and prints one JSON object on stdout, and nothing else', () => {
    expect(status, stderr).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(typeof JSON.parse(stdout)).toBe('object');
  });

  it('gives rates for ours, XState and robot3 on Node and on XS', () => {
    const { dispatch } = JSON.parse(stdout);
    for (const engine of ['node', 'xs']) {
      for (const impl of ['ours', 'xstate', 'robot3']) expect(dispatch[engine][impl]).toBeGreaterThan(0);
    }
  });

  it('gives the engine\'s bytes and the firmware\'s for every board that runs it, and the simulation speed', () => {
    const { bytes, simSpeed } = JSON.parse(stdout);
    expect(bytes.engine).toBeGreaterThan(0);
    expect(Object.keys(bytes.firmware)).toEqual(listBoards().filter((b) => !['atmega328p', 'atmega2560'].includes(loadBoard(b).mcu)));
    expect(simSpeed).toBeGreaterThan(0);
  });

  it('gives no firmware size for the bench boards, which run StandardFirmata rather than this firmware', () => {
    const { bytes } = JSON.parse(stdout);
    expect(['atmega328p', 'atmega2560']).toContain(loadBoard('arduino-uno').mcu);
    expect(bytes.firmware).not.toHaveProperty('arduino-uno');
    expect(bytes.firmware).not.toHaveProperty('arduino-mega');
  });

  it('counts no allocation per event by our engine on XS', () => {
    expect(JSON.parse(stdout).xsAllocationsPerEvent).toBe(0);
  });
});
