// The docs' figures that come from the real SDKs: each sits between markers and is generated from a command's
// output, so a test (test/benchmarks/sdk-docs.test.ts) can fail when it is stale.
//   - the footprint and bytecode per board: `npm run bench -- --moddable --record` keeps its run in
//     bench/moddable/recorded.json; `npm run docs:sdk` regenerates the docs from that record;
//   - the install steps (FLASHING.md §1): installSteps(), which `build:firmware` also prints as its hint;
//   - the number of tests in test/moddable: counted in its files;
//   - the Pico image's size: `npm run docs:sdk -- --pico-image <xs_pico.uf2>` keeps it in bench/moddable/pico-image.json
//     with the commit and the hash of the firmware's inputs it was built from, so the test can tell when it is stale;
//   - what a lone board keeps alive, stage by stage: `npx tsx bench/moddable/stages-cli.ts <board> --record` keeps its run
//     in bench/moddable/stages/<board>.json, with the commit and the hash of its inputs, and regenerates the docs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../boards/load';
import { footprintReport, type ModdableFootprint } from './footprint';
import { shares, withinLimit } from './boards';
import { installSteps } from '../../scripts/lib/mcconfig';
import type { StageSample, SuspectCost } from './stages';

const RECORD = join(repoRoot, 'bench', 'moddable', 'recorded.json');
export const PICO_IMAGE_RECORD = join(repoRoot, 'bench', 'moddable', 'pico-image.json');

/** The size of the `pico` board's image, and what it was built from. */
interface PicoImageRecord {
  /** bytes of xs_pico.uf2 */
  bytes: number;
  /** the commit checked out when it was recorded (8 hex digits) */
  commit: string;
  /** picoImageInputs() when it was recorded */
  inputs: string;
}

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

/** What goes into the Pico image from this repository: manifest.json, boards/pico.json, the script that writes the
 *  board's modules, and every file under firmware/ and hal/ (the manifest compiles from there). */
function picoImageInputFiles(): string[] {
  return [join(repoRoot, 'manifest.json'), join(repoRoot, 'boards', 'pico.json'), join(repoRoot, 'scripts', 'lib', 'firmware-modules.ts'),
    ...walk(join(repoRoot, 'firmware')), ...walk(join(repoRoot, 'hal'))].sort();
}

/** One hash (12 hex digits) of `files`, their paths and contents. */
function hashOf(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${relative(repoRoot, f)}\0`).update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 12);
}

/** The hash of picoImageInputFiles(): it changes when the firmware does. */
export function picoImageInputs(): string { return hashOf(picoImageInputFiles()); }

/** What a staged run of `board` is built from: the staged entry and its manifest, the board file, the device's
 *  manifest, firmware/, hal/ and the simulator's TypeScript (a lin build carries the desktop provider and physics). */
export function stageInputs(board: string): string {
  const sim = walk(join(repoRoot, 'sim')).filter((f) => f.endsWith('.ts'));
  return hashOf([join(repoRoot, 'manifest.json'), join(repoRoot, 'boards', `${board}.json`), join(repoRoot, 'scripts', 'lib', 'firmware-modules.ts'),
    join(repoRoot, 'bench', 'moddable', 'stages.ts'), join(repoRoot, 'bench', 'moddable', 'manifest_stages.json'),
    ...walk(join(repoRoot, 'firmware')), ...walk(join(repoRoot, 'hal')), ...sim].sort());
}

/** One staged run (`stages-cli.ts <board> --record`): what it printed, with the commit and inputs it ran on. */
export interface StageRecord {
  board: string;
  commit: string;
  /** stageInputs(board) when it was recorded */
  inputs: string;
  samples: StageSample[];
  suspects: SuspectCost[];
  error?: string;
}
export const STAGES_DIR = join(repoRoot, 'bench', 'moddable', 'stages');

export function readStageRecords(): StageRecord[] {
  if (!existsSync(STAGES_DIR)) return [];
  return readdirSync(STAGES_DIR).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(STAGES_DIR, f), 'utf8')) as StageRecord);
}

export const shortCommit = (): string => {
  const git = spawnSync('git', ['rev-parse', '--short=8', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'unknown';
};

/** mcsim is 64-bit: a slot is 32 bytes there (16 on the ESP32 and RP2040). */
const HOST_SLOT = 32;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toLocaleString('en-US')}`;

/** The two tables `stages-cli.ts` prints for a run: stage by stage, and one of each suspect. */
export function stageTables(r: Pick<StageRecord, 'board' | 'samples' | 'suspects' | 'error'>): string[] {
  const lines = [`| \`${r.board}\`: stage | slots alive | added | chunks alive (64-bit) | added | modules |`, '|---|---|---|---|---|---|'];
  let prev: StageSample | undefined;
  for (const s of r.samples) {
    const slots = s.slotBytes / HOST_SLOT, added = prev ? slots - prev.slotBytes / HOST_SLOT : slots;
    const addedChunks = prev ? s.chunkBytes - prev.chunkBytes : s.chunkBytes;
    lines.push(`| ${s.stage} | ${slots.toLocaleString('en-US')} | ${signed(added)} | ${s.chunkBytes.toLocaleString('en-US')} | ${signed(addedChunks)} | ${s.modules} |`);
    prev = s;
  }
  lines.push('', `| one of each (\`${r.board}\`'s build) | slots | chunk bytes (64-bit) |`, '|---|---|---|');
  for (const c of r.suspects) lines.push(`| ${c.suspect} | ${c.slots.toFixed(1)} | ${c.chunkBytes.toFixed(0)} |`);
  if (r.error) lines.push('', `stopped early: ${r.error}`);
  return lines;
}

function stagesBlock(records: StageRecord[]): string[] {
  return records.flatMap((r) => ['', `\`npx tsx bench/moddable/stages-cli.ts ${r.board} --record\`, at commit \`${r.commit}\` (inputs \`${r.inputs}\`):`, '', ...stageTables(r)]).concat(['']);
}

export function readPicoImage(): PicoImageRecord {
  return JSON.parse(readFileSync(PICO_IMAGE_RECORD, 'utf8')) as PicoImageRecord;
}

/** `npm run docs:sdk -- --pico-image <uf2>`: the record of an image just built from this checkout. Refuses a file that
 *  is not a UF2, or one older than an input (built from other firmware). */
export function picoImageRecord(uf2: string): PicoImageRecord {
  const st = statSync(uf2);
  const head = readFileSync(uf2).subarray(0, 8);
  if (st.size === 0 || st.size % 512 !== 0 || head.readUInt32LE(0) !== 0x0a324655 || head.readUInt32LE(4) !== 0x9e5d5157) {
    throw new Error(`${uf2} is not a UF2 image (512-byte blocks starting "UF2\\n")`);
  }
  const newer = picoImageInputFiles().filter((f) => statSync(f).mtimeMs > st.mtimeMs);
  if (newer.length) throw new Error(`${uf2} is older than ${relative(repoRoot, newer[0])}${newer.length > 1 ? ` and ${newer.length - 1} more` : ''}: rebuild it (npm run build:firmware -- --board pico)`);
  return { bytes: st.size, commit: shortCommit(), inputs: picoImageInputs() };
}

/** The line the docs give the Pico image's size in. */
export function picoImageLine(p: PicoImageRecord): string {
  return `\`npm run build:firmware -- --board pico\` made an \`xs_pico.uf2\` of ${p.bytes.toLocaleString('en-US')} bytes (${(p.bytes / 1024).toFixed(1)} KiB), built at commit \`${p.commit}\` from firmware inputs \`${p.inputs}\` (recorded by \`npm run docs:sdk -- --pico-image <uf2>\`; it changes with every firmware change, and \`test/benchmarks/sdk-docs.test.ts\` fails when the inputs no longer hash to \`${p.inputs}\` with the Pico SDK set up, and says so without it).`;
}

const begin = (name: string, from: string) => `<!-- ${name}: generated by npm run docs:sdk from ${from}, do not edit -->`;
const end = (name: string) => `<!-- end of ${name} -->`;

/** Replaces the block `name` in `page` (it must be there once) by `body`. */
function replaceBlock(page: string, name: string, from: string, body: string[]): string {
  const b = begin(name, from), e = end(name);
  const i = page.indexOf(b), j = page.indexOf(e);
  if (i < 0 || j < i) throw new Error(`no block "${name}" (${b} … ${e})`);
  return `${page.slice(0, i)}${b}\n${body.join('\n')}\n${page.slice(j)}`;
}

export function readRecord(): ModdableFootprint {
  return JSON.parse(readFileSync(RECORD, 'utf8')) as ModdableFootprint;
}

/** The `it(` calls in test/moddable's files: the SDK tests that run when $MODDABLE is set. */
export function moddableTestCount(): { files: number; tests: number } {
  const dir = join(repoRoot, 'test', 'moddable');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  const tests = files.reduce((n, f) => n + (readFileSync(join(dir, f), 'utf8').match(/^\s*it\(/gm)?.length ?? 0), 0);
  return { files: files.length, tests };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** One line per board: the summary docs quote in prose (sim's figures, headroom, bytecode). */
function footprintSummary(f: ModdableFootprint): string[] {
  const sim = f.perBoard.find((b) => b.board === 'sim');
  const lines: string[] = [];
  if (sim?.creation) {
    const s = shares(sim)!;
    const half = sim.half ? (sim.half.fits ? ' and runs in half of it, fixed' : ' and does not run in half of it, fixed') : '';
    lines.push(`The \`sim\` board (all seven machines, with the desktop provider and physics) allocates up to ${Math.round(sim.peak.slots).toLocaleString('en-US')} slots between collections of the lin manifest's ${sim.creation.heap.toLocaleString('en-US')} (${s.map((x) => `${x.name} ${((100 * x.used) / x.of).toFixed(1)} %`).join(', ')} of \`creation\`)${half}; its bytecode is ${kb(sim.bytecode.bytes)} in ${sim.bytecode.modules} modules.`);
  }
  const esp = f.perBoard.find((b) => b.board === 'esp32-devkitc');
  if (esp && !esp.bytecode.note) lines.push(`The ESP32 build compiles ${esp.bytecode.modules} of our modules (${kb(esp.bytecode.bytes)} of bytecode).`);
  const missed = f.perBoard.filter((b) => !withinLimit(b)).map((b) => `\`${b.board}\``);
  lines.push(missed.length ? `Not shown to run in 50 % of \`creation\`: ${missed.join(', ')}.` : 'Every board runs in half of its `creation`, fixed, and its stack peaks within half of it.');
  return lines;
}

/** docs/BENCHMARKS.md with its SDK block regenerated from `f`. */
function benchmarksPage(page: string, f: ModdableFootprint): string {
  const out = replaceBlock(page, 'footprint per board', 'bench/moddable/recorded.json',
    ['', ...footprintReport(f), '', ...footprintSummary(f), '']);
  return replaceBlock(out, 'stages now', 'bench/moddable/stages/*.json', stagesBlock(readStageRecords()));
}

/** docs/FLASHING.md with its install steps and SDK figures regenerated. */
function flashingPage(page: string, f: ModdableFootprint, pico: PicoImageRecord = readPicoImage()): string {
  const fence = (steps: string[]) => ['```sh', ...steps, '```'];
  let out = replaceBlock(page, 'SDK install steps', 'installSteps() in scripts/lib/mcconfig.ts', fence(installSteps('lin')));
  out = replaceBlock(out, 'ESP32 install steps', 'installSteps() in scripts/lib/mcconfig.ts', fence(installSteps('esp32').slice(installSteps('lin').length)));
  out = replaceBlock(out, 'Pico install steps', 'installSteps() in scripts/lib/mcconfig.ts', fence(installSteps('pico').slice(installSteps('lin').length)));
  const t = moddableTestCount(), esp = f.perBoard.find((b) => b.board === 'esp32-devkitc');
  out = replaceBlock(out, 'SDK figures', 'bench/moddable/recorded.json, pico-image.json and test/moddable', [
    `- \`test/moddable\`: ${t.tests} tests in ${t.files} files, run when \`$MODDABLE\` is set (skipped, saying so, when it is not).`,
    `- \`npm run build:firmware -- --board esp32-devkitc\` without ESP-IDF compiles ${esp && !esp.bytecode.note ? `${esp.bytecode.modules} of our modules` : 'every module of ours'} through tsc and xsc, and links no image.`,
    `- ${picoImageLine(pico)}`,
    ...footprintSummary(f).map((l) => `- ${l}`),
  ]);
  return out;
}

export const PAGES = {
  'docs/BENCHMARKS.md': benchmarksPage,
  'docs/FLASHING.md': flashingPage,
} as const;

/** Regenerates every page from the record; returns what it wrote. */
export function writeSdkDocs(f: ModdableFootprint = readRecord()): string[] {
  const wrote: string[] = [];
  for (const [rel, generate] of Object.entries(PAGES)) {
    const path = join(repoRoot, rel), page = readFileSync(path, 'utf8'), next = generate(page, f);
    if (next !== page) { writeFileSync(path, next); wrote.push(rel); }
  }
  return wrote;
}

/** `bench --moddable --record`: keeps the run and regenerates the docs from it. */
export function recordFootprint(f: ModdableFootprint): string {
  writeFileSync(RECORD, `${JSON.stringify(f, null, 1)}\n`);
  const wrote = writeSdkDocs(f);
  return `recorded in bench/moddable/recorded.json; regenerated ${wrote.length ? wrote.join(', ') : 'nothing (the docs were up to date)'}`;
}
