import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scenario and closed-loop tests run many simulated hours in virtual time; give slow CI room.
    testTimeout: 60_000,
  },
});
