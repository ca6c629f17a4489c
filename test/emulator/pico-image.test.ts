// The pico scenarios: on the host simulator always; on the real firmware image in the emulated Pico when the user
// supplies one and a bootrom (LAUNCH_BAY_PICO_IMAGE, LAUNCH_BAY_PICO_BOOTROM), with traces equal to the host run's.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { DEFAULT_TOLERANCE_MS } from '../../scripts/lib/scenario-emulate';
import { compareTraces } from '../../emulators/rp2040/compare';
import { loadBootromFile, loadImageFile } from '../../emulators/rp2040/files';
import { runEmulatedScenario, runHostReference } from '../../emulators/rp2040/scenario';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const dir = 'sim/scenarios/pico';
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string) => parseScenario(readFileSync(`${dir}/${file}`, 'utf8'), `${dir}/${file}`);
const imagePath = process.env.LAUNCH_BAY_PICO_IMAGE, bootromPath = process.env.LAUNCH_BAY_PICO_BOOTROM;

describe('the pico scenarios on the host simulator', () => {
  it('ships at least the two the emulated image must pass', () => {
    expect(files).toEqual(expect.arrayContaining(['door-e-opens-when-bay-hostile.json', 'door-e-jam-faults-at-deadline.json']));
  });
  for (const file of files) {
    it(`passes ${file} on board pico`, () => {
      const scenario = load(file);
      expect(scenario.board).toBe('pico');
      const result = runScenario(scenario, loadBoard('pico'));
      expect(result.failures).toEqual([]);
    });
  }
});

describe.skipIf(!imagePath || !bootromPath)('the firmware image on the emulated Pico (needs LAUNCH_BAY_PICO_IMAGE and LAUNCH_BAY_PICO_BOOTROM; skipped without them)', () => {
  for (const file of files) {
    it(`passes ${file} with the host run's trace`, () => {
      const scenario = load(file), board = loadBoard('pico');
      const emulated = runEmulatedScenario(scenario, board, file, { image: loadImageFile(imagePath!), bootrom: loadBootromFile(bootromPath!) });
      const { result: host, start } = runHostReference(scenario, board);
      expect(emulated.failures).toEqual([]);
      expect(host.failures).toEqual([]);
      expect(compareTraces(host.trace, emulated.trace, start, DEFAULT_TOLERANCE_MS).differences).toEqual([]);
    }, 30 * 60_000);
  }
});
