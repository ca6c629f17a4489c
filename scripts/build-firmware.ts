// Builds the firmware for one board: validates it, writes the generated modules into build/<board>/, and runs
// Moddable's mcconfig (`-t build`, never a deploy) when $MODDABLE is set, or says what to install and type.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BoardError, type Board } from '../firmware/board';
import { listBoards, loadBoard, repoRoot } from '../boards/load';
import { BOARD_VAR, platformOf, writeBoardModules } from './lib/firmware-modules';
import { APP_NAME, installSteps, mcconfigArgs, runMcconfig, typescriptFailures } from './lib/mcconfig';

const USAGE = 'usage: npm run build:firmware -- --board <name> [--debug] [--out <dir>]';
interface Options { board: string; debug: boolean; out?: string }

function parseArgs(argv: string[]): Options | string {
  const options: Options = { board: '', debug: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const next = () => inline ?? argv[++i] ?? '';
    if (flag === '--board') options.board = next();
    else if (flag === '--out') options.out = next();
    else if (flag === '--debug') options.debug = true;
    else return `unknown option ${argv[i]}`;
  }
  return options.board ? options : 'which board? --board is required';
}

/** A path as the user reads it best: relative to the repository when inside it. */
function shown(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel;
}

function printCommands(platform: string, out: string, debug: boolean): void {
  // Inside the repository, paths relative to it read best; the manifest needs the folder absolute, hence $PWD.
  const rel = shown(out);
  const args = mcconfigArgs({ platform, out: rel, manifest: './manifest.json', debug });
  const line = `${BOARD_VAR}=${rel === out ? out : `$PWD/${rel}`} mcconfig ${args.join(' ')}`;
  console.log(`\nMODDABLE is not set, so nothing was compiled. Install the Moddable SDK (docs/FLASHING.md):\n`);
  for (const step of installSteps(platform)) console.log(`  ${step}`);
  console.log(`\nthen run this again, or by hand (put this repository's tsc first: export PATH=$PWD/node_modules/.bin:$PATH):\n`);
  console.log(`  cd ${repoRoot.replace(/\/$/, '')}`);
  console.log(`  ${line}\n`);
  if (platform.startsWith('esp32')) {
    console.log(`Flashing: with the DevKitC on USB, after the build, the SDK's deploy target (it runs pkill serial2xsbug):`);
    console.log(`  UPLOAD_PORT=/dev/ttyUSB0 ${BOARD_VAR}=$PWD/${rel} mcconfig -m -t deploy -p ${platform} -o ${rel} ./manifest.json`);
    console.log(`Hold BOOT while flashing starts if the board does not enter download mode.`);
  } else if (platform.startsWith('pico')) {
    console.log(`Flashing: hold BOOTSEL while plugging the Pico in; it mounts as RPI-RP2. Copy the firmware onto it:`);
    console.log(`  cp ${rel}/bin/${platform}/${debug ? 'debug' : 'release'}/${APP_NAME}/xs_pico.uf2 /media/$USER/RPI-RP2/`);
  } else {
    console.log(`This board runs in Moddable's desktop simulator (${platform}); nothing is flashed.`);
  }
}

/** The native toolchain a platform needs past the modules, when it is absent here. */
function missingToolchain(platform: string): string | undefined {
  if (platform.startsWith('esp32') && !process.env.IDF_PATH) return 'ESP-IDF ($IDF_PATH is not set)';
  if (platform.startsWith('pico') && !process.env.PICO_SDK_DIR) return 'the Pico SDK ($PICO_SDK_DIR is not set)';
  return undefined;
}

async function build(platform: string, out: string, debug: boolean): Promise<number> {
  const moddable = process.env.MODDABLE!;
  const missing = missingToolchain(platform);
  // Without ESP-IDF, the ESP32 build still compiles every module (tsc against the SDK's esp32 typings, then xsc).
  const modulesOnly = missing !== undefined && platform.startsWith('esp32');
  if (missing) {
    console.error(`warning: no ${missing}: ${modulesOnly ? 'compiling the modules only (TypeScript and XS bytecode), no firmware image' : 'mcconfig will stop where it needs it'}.`);
    for (const step of installSteps(platform).slice(-2)) console.error(`  ${step}`);
  }
  const r = await runMcconfig({ moddable, platform, out, debug, modulesOnly, manifest: './manifest.json', cwd: repoRoot, env: { [BOARD_VAR]: out } });
  if (r.problem) {
    console.error(`\nbuild:firmware FAILED for ${platform}: ${r.problem}`);
    if (missing && !typescriptFailures(r.output).length) console.error(`(expected without ${missing}; see docs/FLASHING.md)`);
    return r.status || 1;
  }
  if (modulesOnly) console.log(`\nbuild:firmware: every module compiled for ${platform}, no TypeScript errors; no image (install ${missing}).`);
  else console.log(`\nbuild:firmware: built for ${platform}, no TypeScript errors; output in ${shown(out)}/bin/.`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'string') { console.error(`${options}\n${USAGE}`); return 2; }
  const known = listBoards();
  if (!known.includes(options.board)) { console.error(`unknown board "${options.board}"; known boards: ${known.join(', ')}`); return 2; }
  let board: Board;
  try {
    board = loadBoard(options.board);
  } catch (e) {
    if (e instanceof BoardError) { console.error(e.message); return 1; }
    throw e;
  }
  const out = options.out ? resolve(options.out) : join(repoRoot, 'build', board.name);
  mkdirSync(out, { recursive: true });
  writeBoardModules(out, board);
  const platform = platformOf(board);
  console.log(`boards/${board.name}.json is valid: ${board.hosts.join(', ')} on ${board.mcu} (platform ${platform}).`);
  console.log(`Wrote ${shown(join(out, 'board.js'))} and the folder modules in ${shown(join(out, 'barrels'))}/.`);
  if (!process.env.MODDABLE) { printCommands(platform, out, options.debug); return 0; }
  return build(platform, out, options.debug);
}

process.exitCode = await main(process.argv.slice(2));
