// `npm run docs:bench`: regenerates the wiring tables in docs/BENCH.md from the bench boards' files.
import { readFileSync, writeFileSync } from 'node:fs';
import { benchDocs } from './lib/bench-docs';

const page = new URL('../docs/BENCH.md', import.meta.url);
writeFileSync(page, benchDocs(readFileSync(page, 'utf8')));
console.log('wrote docs/BENCH.md');
