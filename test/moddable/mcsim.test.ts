// The firmware on the real Moddable SDK, when one is installed ($MODDABLE): a clean `npm run build:firmware -- --board
// sim` builds for lin with no TypeScript error; in the SDK's simulator (mcsim, under Xvfb) the Alice scenario traces
// exactly as on Node, and the real device entry boots and settles relaxed. Without the SDK (as on CI) it is skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, runOnMcsim, type HarnessBuild, type McsimRun } from '../../bench/moddable/mcsim';
import { moddableMissing } from '../../scripts/lib/mcconfig';
import { shippedScenarioInputs } from '../../bench/xs/inputs';
import { runScenarios, type ScenarioOutcome } from '../../bench/xs/scenarios';
import { typescriptFailures } from '../../scripts/lib/mcconfig';

const missing = moddableMissing();
if (missing) console.warn(`Moddable SDK test skipped: ${missing}.`);

const inputs = shippedScenarioInputs();
const alice = { ...inputs, scenarios: inputs.scenarios.filter((s) => s.file === 'sim/scenarios/alice.json') };
const SETTLE_MS = 3000;

describe.skipIf(missing)('the firmware on the Moddable SDK', () => {
  let scratch: string, harness: HarnessBuild, run: McsimRun;
  // Builds are slow (every module through tsc and xsc, on shared cores); mcsim itself takes seconds.
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'moddable-'));
    harness = await buildHarness({ board: 'sim', out: join(scratch, 'harness'), request: { jobs: [{ mode: 'scenarios', ...alice }, { mode: 'device', settleMs: SETTLE_MS }] } });
    if (harness.result.problem) throw new Error(`the harness did not build: ${harness.result.problem}\n${harness.result.output.slice(-3000)}`);
    run = await runOnMcsim(harness.mcso, 2, 180);
  }, 1_800_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }), 300_000);

  it('builds the sim board for lin from clean with npm run build:firmware, with no TypeScript error', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-firmware.ts', '--board', 'sim', '--out', join(scratch, 'sim')], { encoding: 'utf8' });
    const output = r.stdout + r.stderr;
    expect(typescriptFailures(output)).toEqual([]);
    expect(r.status, output.slice(-3000)).toBe(0);
    expect(output).toContain('built for lin, no TypeScript errors');
  }, 1_800_000);

  it('traces the Alice scenario on mcsim exactly as on Node', () => {
    const [onMcsim] = run.answers[0] as ScenarioOutcome[];
    const [onNode] = runScenarios(alice);
    expect(JSON.parse(onNode!.trace).length).toBeGreaterThan(0);
    expect(onMcsim!.failures).toBe(onNode!.failures);
    expect(onMcsim!.trace).toBe(onNode!.trace);
  });

  it('boots the real device entry: every machine reconstructed from its sensors, then the deck relaxed', () => {
    const { audit } = run.answers[1] as { audit: string[] };
    const reports = audit.map((line) => JSON.parse(line) as { machine: string; event: string; to: string });
    const reconstructed = reports.filter((r) => r.event === 'reconstructed from sensors').map((r) => r.machine).sort();
    expect(reconstructed).toEqual(['airlock A', 'airlock B', 'airlock C', 'airlock D', 'battle deck', 'bay door', 'bay environment']);
    expect(reports.some((r) => r.machine === 'battle deck' && r.to === 'relaxed')).toBe(true);
  });
});
