// `npm run docs:machines`: regenerates docs/MACHINES.md from the machine definitions.
import { writeFileSync } from 'node:fs';
import { machineDocs } from './lib/machine-docs';

writeFileSync(new URL('../docs/MACHINES.md', import.meta.url), machineDocs());
console.log('wrote docs/MACHINES.md');
