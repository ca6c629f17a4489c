// The docs' SDK figures come from commands and fail here when stale: docs/BENCHMARKS.md's footprint per board and
// docs/FLASHING.md's figures from the last `npm run bench -- --moddable --record` (bench/moddable/recorded.json),
// FLASHING.md §1's install steps from installSteps() (the hint `build:firmware` prints), the test count from
// test/moddable. With $MODDABLE set, the record itself is checked against a fresh build of the `sim` board.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moddableBoards } from '../../bench/moddable/boards';
import { moddableMissing } from '../../scripts/lib/mcconfig';
import { ourBytecode } from '../../bench/moddable/footprint';
import { loadBoard, repoRoot } from '../../boards/load';
import { bootromFromTs } from '../../emulators/rp2040/files';
import { BOARD_VAR, preloadedModules, writeBoardModules } from '../../scripts/lib/firmware-modules';
import { IDF_DIR, installSteps, runMcconfig } from '../../scripts/lib/mcconfig';
import { moddableTestCount, PAGES, picoImageInputs, readStageRecords, stageInputs, picoImageLine, picoImageRecord, readPicoImage, readRecord } from '../../bench/moddable/sdk-docs';

const page = (rel: string) => readFileSync(join(repoRoot, rel), 'utf8');
const record = readRecord();

describe('the docs\' SDK figures', () => {
  it('come from a record of every board whose firmware runs on XS', () => {
    // A board the run could not measure is listed with the reason, and shows as not measured in the docs.
    expect([...record.perBoard.map((b) => b.board), ...(record.notMeasured ?? []).map((m) => m.board)].sort()).toEqual(moddableBoards().sort());
    expect(moddableBoards()).toEqual(expect.arrayContaining(['sim', 'pico', 'esp32-devkitc', 'sim-bay', 'sim-bridge', 'sim-airlock-a']));
    expect(moddableBoards()).not.toContain('arduino-uno');
    for (const b of record.perBoard) expect(b.peak.slots, b.board).toBeGreaterThan(0);
  });

  it('are up to date in every page (npm run docs:sdk regenerates them from the record)', () => {
    for (const [rel, generate] of Object.entries(PAGES)) {
      const text = page(rel);
      expect(generate(text, record) === text, `${rel} is stale: run npm run docs:sdk`).toBe(true);
    }
  });

  it('count test/moddable\'s tests from its files', () => {
    const { tests } = moddableTestCount();
    expect(tests).toBeGreaterThanOrEqual(5);
    expect(page('docs/FLASHING.md')).toContain(`\`test/moddable\`: ${tests} tests`);
  });

  it('name one IDF_PATH, the install steps\' own', () => {
    const paths = new Set([...['README.md', 'docs/FLASHING.md', 'docs/EXTENDING.md'].flatMap((rel) => [...page(rel).matchAll(/IDF_PATH=(\S+)/g)].map((m) => m[1]))]);
    expect([...paths]).toEqual([IDF_DIR]);
    expect(installSteps('esp32').join('\n')).toContain(`IDF_PATH=${IDF_DIR}`);
  });

  it('give the Pico steps a user needs alone, in the doc and in build:firmware\'s hint', () => {
    const steps = installSteps('pico').join('\n');
    for (const needed of ['MAKEFLAGS="SHELL=/bin/bash"', 'pico-examples', 'cmake -S pico-examples -B pico-examples/build', 'pico-extras',
      '-DPIOASM_VERSION_STRING=2.2.0', 'https://github.com/raspberrypi/picotool', 'pico-sdk/build/_deps/picotool/', 'submodule update --init',
      '--extract-bootrom $HOME/pico/rp2040js/demo/bootrom.ts', 'cmake --install picotool/build', '-Dpicotool_DIR=$HOME/pico/picotool-install/lib/cmake/picotool']) {
      expect(steps, needed).toContain(needed);
      expect(page('docs/FLASHING.md'), needed).toContain(needed);
    }
    // Configuring pico-examples without an installed picotool clones it from GitHub: picotool comes first.
    const lines = installSteps('pico');
    expect(lines.findIndex((l) => l.startsWith('cmake --install picotool'))).toBeLessThan(lines.findIndex((l) => l.startsWith('cmake -S pico-examples')));
    // `cd -` after `cd $HOME/pico` goes back to $MODDABLE/build/makefiles/lin, not to this repository.
    expect(steps).not.toMatch(/cd - /);
    expect(readFileSync(join(repoRoot, 'scripts', 'build-firmware.ts'), 'utf8')).toContain("installSteps(platform).slice(installSteps('lin').length)");
  });
});

describe('the Pico image\'s size', () => {
  it('is quoted once, from bench/moddable/pico-image.json, with the commit and inputs it was built from', () => {
    const p = readPicoImage(), doc = page('docs/FLASHING.md');
    expect(p.bytes % 512).toBe(0);
    expect(doc).toContain(picoImageLine(p));
    expect(doc).toContain(`${p.bytes.toLocaleString('en-US')} bytes`);
    expect(doc).not.toMatch(/no size is quoted/);
  });
  it('is recorded only from a UF2 newer than every input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pico-image-'));
    try {
      const block = Buffer.alloc(512);
      block.writeUInt32LE(0x0a324655, 0); block.writeUInt32LE(0x9e5d5157, 4);
      const uf2 = join(dir, 'xs_pico.uf2');
      writeFileSync(uf2, Buffer.concat([block, block]));
      const r = picoImageRecord(uf2);
      expect(r).toMatchObject({ bytes: 1024, inputs: picoImageInputs() });
      utimesSync(uf2, new Date(0), new Date(0));
      expect(() => picoImageRecord(uf2)).toThrow(/is older than .*rebuild it/);
      writeFileSync(join(dir, 'not.uf2'), 'hello');
      expect(() => picoImageRecord(join(dir, 'not.uf2'))).toThrow(/not a UF2 image/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

// The recorded size is the image of the firmware whose inputs hash to the record's: with the Pico SDK, a firmware
// change without a new record fails here; without it, the check is skipped and says whether the record is current.
const picoSdkMissing = moddableMissing() ?? (process.env.PICO_SDK_DIR ? undefined : '$PICO_SDK_DIR is not set (the Pico SDK: docs/FLASHING.md §1)');
if (picoSdkMissing) {
  const now = picoImageInputs(), p = readPicoImage();
  console.warn(`Pico .uf2 size check skipped: ${picoSdkMissing}; the record (${p.bytes} bytes, commit ${p.commit}) is from firmware inputs ${p.inputs}, these are ${now}${now === p.inputs ? ' (current)' : ' (stale)'}.`);
}
describe.skipIf(picoSdkMissing)('the Pico image\'s recorded size, with the Pico SDK', () => {
  it('was recorded from the firmware as it is', () => {
    expect(picoImageInputs(), 'bench/moddable/pico-image.json is stale: npm run build:firmware -- --board pico && npm run docs:sdk -- --pico-image build/pico/bin/pico/release/launch-bay/xs_pico.uf2').toBe(readPicoImage().inputs);
  });
});

describe('npm run emulate -- --extract-bootrom', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `0x${(i * 0x01010101 >>> 0).toString(16)}`).join(', ');
  it('writes the words of rp2040js\'s demo/bootrom.ts as the raw little-endian binary', () => {
    const bytes = bootromFromTs(`// header\nexport const bootromB1 = new Uint32Array([\n  ${words(4096)},\n]);\n`, 'bootrom.ts');
    expect(bytes.length).toBe(16384);
    expect(bytes.readUInt32LE(4)).toBe(0x01010101);
    expect(bytes.readUInt32LE(4095 * 4)).toBe((4095 * 0x01010101) >>> 0);
  });
  it('refuses a file that is not it', () => {
    expect(() => bootromFromTs(`new Uint32Array([${words(100)}])`, 'x.ts')).toThrow(/100 words, not the 4096/);
    expect(() => bootromFromTs('export default 1;', 'x.ts')).toThrow(/no `new Uint32Array/);
  });
});

describe('the device image', () => {
  it('leaves out the host-only modules (manifest.json\'s "~"), which nothing the device runs imports', async () => {
    // The last four hold types only, or forward to hal/board for host scripts: nothing on the device loads them.
    const left = ['firmware/index', 'firmware/core/dev', 'firmware/core/describe', 'sim/physics/persist',
      'firmware/board/types', 'firmware/board/validate', 'firmware/controller/context', 'firmware/controller/report'];
    const manifest = JSON.parse(page('manifest.json')) as { modules: { '~': string[] } };
    expect(manifest.modules['~']).toEqual(left.map((m) => `./${m}`));
    const { build } = await import('esbuild');
    const external = ['board', 'node-start', 'provision', 'embedded:*', 'timer', 'time', 'debug', 'instrumentation', 'preference', 'rng', 'crypt', 'hmac', 'mqtt'];
    const r = await build({ entryPoints: ['firmware/main.ts', 'firmware/net/moddable/mqtt-node.ts', 'firmware/net/moddable/serial-node.ts', 'sim/provider-builtin.ts'], bundle: true, write: false, metafile: true, outdir: 'out', platform: 'neutral', format: 'esm', logLevel: 'silent', external });
    const inputs = Object.keys(r.metafile!.inputs).map((p) => p.replace(/\.ts$/, ''));
    expect(inputs).toContain('firmware/core/machine');
    expect(inputs.filter((m) => left.includes(m))).toEqual([]);
  });
});

describe('preloading', () => {
  it('preloads the roots only: the board, the barrels and what the entries import (the rest is loaded by them)', () => {
    const list = preloadedModules(loadBoard('sim'));
    expect(list).toEqual(expect.arrayContaining(['board', 'firmware/controller', 'firmware/core', 'hal/drivers', 'sim/physics', 'firmware/controller/audit-ring']));
    // Left off, so XS keeps their bytecode in flash and copies none of it into chunks at run time.
    for (const m of ['firmware/core/machine', 'firmware/controller/controller', 'hal/drivers/button', 'sim/physics/model']) expect(list).not.toContain(m);
    expect(list).not.toContain('firmware/main');
    expect(list).not.toContain('sim/provider-builtin');
    expect(list).toContain('sim/provider');
    expect(list.filter((m) => m.startsWith('firmware/net/'))).toEqual([]);
  });

  it('preloads the bus on a node board, but not its SDK side (firmware/net/moddable) nor node-start', () => {
    for (const node of ['sim-bay', 'sim-bridge', 'sim-airlock-a']) {
      const list = preloadedModules(loadBoard(node));
      expect(list, node).toEqual(expect.arrayContaining([...preloadedModules(loadBoard('sim')), 'firmware/net/parse', 'firmware/net/node', 'firmware/net/link']));
      expect(list.filter((m) => m.startsWith('firmware/net/moddable/') || m === 'node-start'), node).toEqual([]);
    }
  });
});

const missing = moddableMissing();
if (missing) console.warn(`SDK check of bench/moddable/recorded.json skipped: ${missing}.`);

describe.skipIf(missing)('the record, against a fresh build with the SDK', () => {
  it('gives the sim board\'s bytecode as a fresh lin build compiles it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sdk-docs-'));
    try {
      writeBoardModules(out, loadBoard('sim'));
      const r = await runMcconfig({ moddable: process.env.MODDABLE!, platform: 'lin', out, manifest: './manifest.json', cwd: repoRoot, modulesOnly: true, env: { [BOARD_VAR]: out }, echo: () => {} });
      expect(r.problem, r.output.slice(-2000)).toBeUndefined();
      const recorded = record.perBoard.find((b) => b.board === 'sim')!.bytecode;
      expect(ourBytecode(out), 'bench/moddable/recorded.json is stale: run npm run bench -- --moddable --record').toEqual({ modules: recorded.modules, bytes: recorded.bytes });
    } finally { rmSync(out, { recursive: true, force: true }); }
  }, 1_800_000);
});

// What a lone board keeps alive, stage by stage (docs/BENCHMARKS.md, "stages now"): each record is of the firmware
// as it is now. With the SDK a firmware change without a new record fails here; without it, the check says so.
describe('the staged records', () => {
  const records = readStageRecords();
  it('name the boards they ran, each once', () => {
    expect(new Set(records.map((r) => r.board)).size).toBe(records.length);
    for (const r of records) expect(r.samples.length, r.board).toBeGreaterThan(3);
  });
  const missing = moddableMissing();
  for (const r of records) {
    const now = stageInputs(r.board);
    if (missing) {
      it.skip(`${r.board}'s is current (needs $MODDABLE to re-record: ${missing}; it is ${now === r.inputs ? 'current' : 'stale'})`, () => {});
    } else {
      it(`${r.board}'s is current: npx tsx bench/moddable/stages-cli.ts ${r.board} --record`, () => {
        expect(r.inputs, `bench/moddable/stages/${r.board}.json is from other firmware`).toBe(now);
      });
    }
  }
});
