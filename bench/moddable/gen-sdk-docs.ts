// `npm run docs:sdk`: regenerates the docs' SDK figures (docs/BENCHMARKS.md's footprint per board, docs/FLASHING.md's
// install steps and figures) from bench/moddable/recorded.json (written by `npm run bench -- --moddable --record`),
// scripts/lib/mcconfig.ts's install steps and test/moddable. Needs no SDK.
import { writeSdkDocs } from './sdk-docs';

const wrote = writeSdkDocs();
console.log(wrote.length ? `wrote ${wrote.join(', ')}` : 'the docs were up to date');
