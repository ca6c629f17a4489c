// Every shipped scenario (sim/scenarios/*.json) gives the same trace and failures on Moddable's XS engine as on
// Node. The cluster scenarios compare the same way with bench/xs/compare-cli.ts; on XS they take about 40 s, most of
// it HMAC-SHA256 in JavaScript, too slow for every test run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnNodeAndXs, type Compared } from '../../bench/xs/compare';
import { shippedScenarioInputs } from '../../bench/xs/inputs';

const inputs = shippedScenarioInputs();
const scenarios = inputs.scenarios.filter((s) => !s.file.includes('/cluster/'));
let results: Compared[] = [];

describe('the shipped scenarios on XS', () => {
  // One bundle and one XS worker run them all; XS interprets, so this takes some seconds.
  beforeAll(async () => { results = await runOnNodeAndXs({ ...inputs, scenarios }); }, 240_000);
  afterAll(() => { results = []; });

  for (const { file } of scenarios) {
    it(`traces ${file} on XS exactly as on Node`, () => {
      const r = results.find((c) => c.file === file)!;
      expect(JSON.parse(r.node.trace).length).toBeGreaterThan(0);
      expect(r.xs.failures).toBe(r.node.failures);
      expect(r.xs.trace).toBe(r.node.trace);
    });
  }
});
