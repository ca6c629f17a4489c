// `npm run docs:layers`: regenerates the layers' table and folder graph in docs/ARCHITECTURE.md from a cruise of the imports.
import { readFileSync, writeFileSync } from 'node:fs';
import { cruise, withLayers } from './lib/layer-docs';

const run = cruise();
if (!run.result) {
  console.error(run.stderr);
  process.exit(1);
}
const doc = new URL('../docs/ARCHITECTURE.md', import.meta.url);
writeFileSync(doc, withLayers(readFileSync(doc, 'utf8'), run.result));
console.log('wrote docs/ARCHITECTURE.md');
