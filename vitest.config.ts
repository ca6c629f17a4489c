import { defineConfig } from 'vitest/config';

/** Tests against the genuine StandardFirmata on an emulated Uno: each keeps a core busy for wall-clock seconds. */
const GENUINE = 'test/bench/genuine/**/*.test.ts';

export default defineConfig({
  test: {
    // Scenario and closed-loop tests run many simulated hours in virtual time; give slow CI room.
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [GENUINE], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'genuine firmware',
          include: [GENUINE],
          // After everything else, one file at a time: the emulator runs in wall time and must have a core.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          // Fetches StandardFirmata from the npm registry once, before any file runs.
          globalSetup: ['test/bench/genuine/fetch-firmware.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
