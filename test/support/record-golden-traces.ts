// `npx tsx test/support/record-golden-traces.ts`: records the golden traces (test/support/golden-traces.ts) of the code as it
// is now. Run it only on code whose transitions are known right (before a speed-up, never after one to make the
// test pass); test/scenarios/golden-traces.test.ts compares every later run with it.
import { writeFileSync } from 'node:fs';
import { computeGolden, GOLDEN_FILE } from './golden-traces';

const started = performance.now();
const golden = computeGolden((key) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${key}\n`));
writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
console.log(`${GOLDEN_FILE}: ${Object.keys(golden).length} runs`);
