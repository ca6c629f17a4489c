// `npm run docs:sdk`: regenerates the docs' SDK figures (docs/BENCHMARKS.md's footprint per board, docs/FLASHING.md's
// install steps and figures) from bench/moddable/recorded.json (written by `npm run bench -- --moddable --record`),
// scripts/lib/mcconfig.ts's install steps, test/moddable and bench/moddable/pico-image.json. Needs no SDK.
// `--pico-image <xs_pico.uf2>` first records that image's size (built from this checkout) in pico-image.json.
import { writeFileSync } from 'node:fs';
import { PICO_IMAGE_RECORD, picoImageRecord, writeSdkDocs } from './sdk-docs';

const args = process.argv.slice(2);
if (args.length && (args.length !== 2 || args[0] !== '--pico-image')) {
  console.error('usage: npm run docs:sdk [-- --pico-image <build/pico/bin/pico/release/launch-bay/xs_pico.uf2>]');
  process.exit(2);
}
if (args.length) {
  try {
    const r = picoImageRecord(args[1]);
    writeFileSync(PICO_IMAGE_RECORD, `${JSON.stringify(r, null, 1)}\n`);
    console.log(`recorded ${args[1]}: ${r.bytes} bytes, commit ${r.commit}, firmware inputs ${r.inputs}`);
  } catch (e) {
    console.error(`docs:sdk: ${(e as Error).message}`);
    process.exit(2);
  }
}
const wrote = writeSdkDocs();
console.log(wrote.length ? `wrote ${wrote.join(', ')}` : 'the docs were up to date');
