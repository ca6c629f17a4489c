import { configDefaults, defineConfig } from 'vitest/config';
// The extension, for Vite's native config loader; TypeScript itself would not take it without this.
// @ts-ignore TS5097
import { skippedSuites } from './test/support/requirements.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites needing chromium, socat or mosquitto are left out where they are missing (never under CI=true);
    // the global setup names them at the end of the run (test/support/requirements.ts).
    exclude: [...configDefaults.exclude, ...skippedSuites()],
    globalSetup: ['test/support/skips.ts'],
    // Scenario and closed-loop tests run many simulated hours in virtual time; give slow CI room.
    testTimeout: 60_000,
  },
});
