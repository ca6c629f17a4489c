// `npx tsx bench/xs/compare-cli.ts [scenario files…]`: runs scenarios on Node and on XS and says, for each, whether
// the traces are identical (default: every shipped scenario, the cluster ones included). Exit 1 on any difference.
import { runOnNodeAndXs } from './compare';
import { shippedScenarioInputs } from './inputs';

const wanted = process.argv.slice(2).map((f) => f.replace(/^\.\//, ''));
const inputs = shippedScenarioInputs();
const scenarios = wanted.length ? inputs.scenarios.filter((s) => wanted.includes(s.file)) : inputs.scenarios;
const missing = wanted.filter((f) => !scenarios.some((s) => s.file === f));
if (missing.length) {
  console.error(`not a shipped scenario: ${missing.join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const results = await runOnNodeAndXs({ ...inputs, scenarios });
let differ = 0;
for (const r of results) {
  const same = r.node.trace === r.xs.trace && r.node.failures === r.xs.failures;
  if (!same) differ++;
  console.log(`${same ? 'identical' : 'DIFFERENT'}  ${r.file}`);
}
console.log(`${results.length - differ} of ${results.length} identical on Node and XS (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exitCode = differ ? 1 : 0;
