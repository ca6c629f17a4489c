// Minified bytes: the engine alone (firmware/core, its public exports kept), and the whole firmware for each shipped
// board (firmware/main.ts and all it reaches, with the board file as build-firmware writes it; Moddable's own
// modules stay external, as they are in the device's ROM).
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FIRMATA_MCUS } from '../scripts/lib/bench-docs';
import { BUS_STARTS } from '../scripts/lib/firmware-modules';
import { listBoards, loadBoard, repoRoot } from '../scripts/lib/board-file';

/** Moddable built-ins the firmware imports: the ECMA-419 provider and the timer and clock modules. */
const MODDABLE_BUILTINS = /^(embedded:.*|time|timer|mqtt|preference|crypt|hmac|rng)$/;

async function minified(entry: string, plugins: Plugin[] = []): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry], absWorkingDir: repoRoot, bundle: true, write: false, minify: true,
    format: 'esm', platform: 'neutral', target: 'es2022', plugins, logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}
const minifiedBytes = async (entry: string, plugins: Plugin[] = []) => (await minified(entry, plugins)).byteLength;

/** The engine as the device carries it: firmware/core's barrel, without the dev module. */
export const engineBytes = (): Promise<number> => minifiedBytes('firmware/core/index.ts');

/** The same, minified and then gzipped (for comparison with libraries that quote that). */
export const engineGzipBytes = async (): Promise<number> => gzipSync(await minified('firmware/core/index.ts'), { level: 9 }).byteLength;

/**
 * `board`, `node-start` and `provision` as scripts/build-firmware.ts generates them (a node's start is its
 * transport's; the provisioning is a stand-in of a real one's size), and Moddable's modules left to the device.
 */
function boardPlugin(name: string): Plugin {
  const board = loadBoard(name);
  const mcu = JSON.parse(readFileSync(join(repoRoot, 'boards', 'mcu', `${board.mcu}.json`), 'utf8')) as unknown;
  const generated: { [module: string]: string } = {
    board: `export default ${JSON.stringify(board)};\nexport const mcu = ${JSON.stringify(mcu)};\nexport const file = ${JSON.stringify(`boards/${name}.json`)};\n`,
    'node-start': board.transport
      ? `export { default } from ${JSON.stringify(join(repoRoot, `${BUS_STARTS[board.transport.kind]}.ts`))};\n`
      : 'export default undefined;\n',
    provision: `export default ${JSON.stringify({ node: board.node, keys: { peer: '0'.repeat(64) }, directory: {} })};\n`,
  };
  return {
    name: 'moddable-board',
    setup(b) {
      b.onResolve({ filter: MODDABLE_BUILTINS }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^(board|node-start|provision)$/ }, (args) => ({ path: args.path, namespace: 'generated' }));
      b.onLoad({ filter: /.*/, namespace: 'generated' }, (args) => ({ contents: generated[args.path], loader: 'js', resolveDir: repoRoot }));
    },
  };
}

/**
 * The boards that carry this firmware: not the bench boards, which run StandardFirmata while the controller runs on
 * the computer (npm run bench:board), so this bundle's size means nothing for them.
 */
const firmwareBoards = (): string[] => listBoards().filter((name) => !FIRMATA_MCUS.includes(loadBoard(name).mcu));

/** The whole firmware's minified bytes for every board that carries it. */
export async function firmwareBytes(): Promise<{ [board: string]: number }> {
  const out: { [board: string]: number } = {};
  for (const name of firmwareBoards()) out[name] = await minifiedBytes('firmware/main.ts', [boardPlugin(name)]);
  return out;
}
