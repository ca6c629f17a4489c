import { configDefaults, defineConfig } from 'vitest/config';
// The extension, for Vite's native config loader; TypeScript itself would not take it without this.
// @ts-ignore TS5097
import { skippedSuites } from './test/support/requirements.ts';

/** Tests against the genuine StandardFirmata on an emulated Uno: each keeps a core busy for wall-clock seconds. */
const GENUINE = 'test/bench/genuine/**/*.test.ts';
// Suites needing chromium, socat or mosquitto are left out where they are missing (never under CI=true); the
// global setup names them at the end of the run (test/support/requirements.ts).
const skipped = skippedSuites();

export default defineConfig({
  test: {
    // Scenario and closed-loop tests run many simulated hours in virtual time; give slow CI room.
    testTimeout: 60_000,
    globalSetup: ['test/support/skips.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, GENUINE, ...skipped], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'genuine firmware',
          include: [GENUINE],
          exclude: [...configDefaults.exclude, ...skipped],
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
