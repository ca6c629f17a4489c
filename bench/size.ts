// Minified bytes: the engine alone (firmware/core, its public exports kept), and the whole firmware for each shipped
// board (firmware/main.ts and all it reaches, with the board file as build-firmware writes it; Moddable's own
// modules stay external, as they are in the device's ROM).
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FIRMATA_MCUS } from '../scripts/lib/bench-docs';
import { listBoards, loadBoard, repoRoot } from '../scripts/lib/board-file';

/** Moddable built-ins the firmware imports: the ECMA-419 provider and the timer and clock modules. */
const MODDABLE_BUILTINS = /^(embedded:.*|time|timer)$/;

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

/** `board` as scripts/build-firmware.ts generates it, and Moddable's modules left to the device. */
function boardPlugin(name: string): Plugin {
  const board = loadBoard(name);
  const mcu = JSON.parse(readFileSync(join(repoRoot, 'boards', 'mcu', `${board.mcu}.json`), 'utf8')) as unknown;
  const module = `export default ${JSON.stringify(board)};\nexport const mcu = ${JSON.stringify(mcu)};\nexport const file = ${JSON.stringify(`boards/${name}.json`)};\n`;
  return {
    name: 'moddable-board',
    setup(b) {
      b.onResolve({ filter: MODDABLE_BUILTINS }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^board$/ }, () => ({ path: 'board', namespace: 'board' }));
      b.onLoad({ filter: /.*/, namespace: 'board' }, () => ({ contents: module, loader: 'js' }));
    },
  };
}

/**
 * The boards that carry this firmware: not the bench boards, which run StandardFirmata while the controller runs on
 * the computer (npm run bench:board), so this bundle's size means nothing for them.
 */
export const firmwareBoards = (): string[] => listBoards().filter((name) => !FIRMATA_MCUS.includes(loadBoard(name).mcu));

/** The whole firmware's minified bytes for every board that carries it. */
export async function firmwareBytes(): Promise<{ [board: string]: number }> {
  const out: { [board: string]: number } = {};
  for (const name of firmwareBoards()) out[name] = await minifiedBytes('firmware/main.ts', [boardPlugin(name)]);
  return out;
}
