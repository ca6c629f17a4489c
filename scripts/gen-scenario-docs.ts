// `npm run docs:scenarios`: regenerates the shipped scenarios' table in docs/SCENARIOS.md from sim/scenarios/.
import { readFileSync, writeFileSync } from 'node:fs';
import { withScenarioTable } from './lib/scenario-docs';

const doc = new URL('../docs/SCENARIOS.md', import.meta.url);
writeFileSync(doc, withScenarioTable(readFileSync(doc, 'utf8')));
console.log('wrote docs/SCENARIOS.md');
