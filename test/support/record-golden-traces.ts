// `npx tsx test/support/record-golden-traces.ts [RUN…]`: records the golden traces (test/support/golden-traces.ts) of
// the code as it is now; with RUN keys (`"sim/scenarios/cluster/lossy-bus.json seed 1"`), only those runs, keeping
// the rest (a scenario added since is recorded by its keys too). Run it only on code whose transitions are known right (before a speed-up, never after one to make the
// test pass), or for a run whose change of behaviour is intended and reviewed: say which and why in
// docs/BENCHMARKS.md. test/scenarios/golden-traces.test.ts compares every later run with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { computeGolden, GOLDEN_FILE, GOLDEN_SEEDS, goldenScenarios, scenarioKey, type Golden } from './golden-traces';

const keys = process.argv.slice(2);
const old: Golden = keys.length ? JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) : {};
// A key of a scenario added since the last recording is new, not unknown.
const runs = new Set(goldenScenarios().flatMap((f) => GOLDEN_SEEDS.map((seed) => scenarioKey(f, seed))));
const unknown = keys.filter((k) => !Object.hasOwn(old, k) && !runs.has(k));
if (unknown.length) {
  console.error(`not in ${GOLDEN_FILE}: ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  process.exit(2);
}
const started = performance.now();
const now = computeGolden((key) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${key}\n`), keys.length ? new Set(keys) : undefined);
for (const k of keys) {
  const was = old[k], is = now[k]!;
  if (!was) { console.log(`${k}: new, ${is.transitions} transitions, ${is.reports} reports`); continue; }
  console.log(`${k}: ${was.transitionsDigest === is.transitionsDigest ? 'the same' : 'OTHER'} transitions (${is.transitions}), reports ${was.reports} → ${is.reports}`);
}
const golden = keys.length ? { ...old, ...now } : now;
writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
console.log(`${GOLDEN_FILE}: ${Object.keys(now).length} of ${Object.keys(golden).length} runs recorded`);
