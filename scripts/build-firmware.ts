// Builds the firmware for one board: validates it, writes the generated modules into build/<board>/, and runs
// Moddable's mcconfig (`-t build`, never a deploy) when $MODDABLE is set, or says what to install and type.
// Exit 0 built, 1 not built (the build failed, or no $MODDABLE), 2 bad options, board or provisioning.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BoardError, validateBoard, type Board } from '../firmware/board';
import { checkDeviceProvision } from '../firmware/net/device-node';
import { nodeNameOf } from '../firmware/net/node';
import { listBoards, loadBoard, repoRoot } from '../boards/load';
import { BOARD_VAR, platformOf, writeBoardModules } from './lib/firmware-modules';
import { readSmallFile } from './lib/small-file';
import { APP_NAME, installSteps, mcconfigArgs, runMcconfig, typescriptFailures } from './lib/mcconfig';

const USAGE = `usage: npm run build:firmware -- --board <name> [--debug] [--out <dir>] [--keys <file>] [--broker <host:port>] [name=value ...]
  --keys <file>         a node's provisioning from npm run keys (default keys/<node>.json), built into its image
  --broker <host:port>  the MQTT broker, in place of the board file's transport.host and .port
  name=value            passed to mcconfig as config, e.g. ssid=<Wi-Fi network> password=<its password>`;
interface Options { board: string; debug: boolean; out?: string; keys?: string; broker?: string; config: string[] }

function parseArgs(argv: string[]): Options | string {
  const options: Options = { board: '', debug: false, config: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const next = () => inline ?? argv[++i] ?? '';
    if (flag === '--board') options.board = next();
    else if (flag === '--out') options.out = next();
    else if (flag === '--keys') options.keys = next();
    else if (flag === '--broker') options.broker = next();
    else if (flag === '--debug') options.debug = true;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]!)) options.config.push(argv[i]!);
    else return `unknown option ${argv[i]}`;
  }
  if (options.broker !== undefined && !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(options.broker)) return `--broker ${JSON.stringify(options.broker)}: expected host:port`;
  return options.board ? options : 'which board? --board is required';
}

/** A path as the user reads it best: relative to the repository when inside it. */
function shown(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel;
}

function printCommands(platform: string, out: string, debug: boolean, config: string[]): void {
  // Inside the repository, paths relative to it read best; the manifest needs the folder absolute, hence $PWD.
  const rel = shown(out);
  // A password is the user's to type, not to find in a terminal's scrollback.
  const args = mcconfigArgs({ platform, out: rel, manifest: './manifest.json', debug, config: config.map((c) => c.replace(/^(password=).*/, '$1<password>')) });
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
  if (platform.startsWith('pico') && !/SHELL=\/bin\/bash/.test(process.env.MAKEFLAGS ?? '')) return 'MAKEFLAGS="SHELL=/bin/bash" (the Pico SDK\'s version check needs bash)';
  return undefined;
}

/** The board as this build flashes it: `--broker` in place of the file's MQTT host and port, checked again. */
function withBroker(board: Board, broker: string | undefined): Board {
  if (broker === undefined) return board;
  if (board.transport?.kind !== 'mqtt') throw new BoardError(`boards/${board.name}.json`, 'transport', '--broker is for a board whose transport is MQTT');
  const at = broker.lastIndexOf(':');
  const raw = JSON.parse(JSON.stringify(board)) as Board;
  raw.transport = { ...board.transport, host: broker.slice(0, at), port: Number(broker.slice(at + 1)) };
  return validateBoard(raw, JSON.parse(readFileSync(join(repoRoot, 'boards', 'mcu', `${board.mcu}.json`), 'utf8')), `--broker ${broker}`);
}

/** The node's provisioning, checked: it must be for this board's node and place the board's machines on it. */
function provisioning(board: Board, file: string | undefined): unknown {
  if (!board.transport) {
    if (file !== undefined) throw new Error(`--keys: boards/${board.name}.json names no transport, so its image is no node and takes no provisioning`);
    return undefined;
  }
  const node = nodeNameOf(board);
  const path = file ?? join(repoRoot, 'keys', `${node}.json`);
  let text: string;
  try { text = readSmallFile(path); } catch (e) {
    throw new Error(`boards/${board.name}.json names a transport, so its image needs node ${node}'s provisioning: cannot read ${shown(path)} (${(e as Error).message}). Provision the deployment: npm run keys`);
  }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (e) { throw new Error(`${shown(path)}: not JSON (${(e as Error).message})`); }
  checkDeviceProvision(board, parsed, shown(path));
  return parsed;
}

async function build(platform: string, out: string, debug: boolean, config: string[]): Promise<number> {
  const moddable = process.env.MODDABLE!;
  const missing = missingToolchain(platform);
  // Without ESP-IDF, the ESP32 build still compiles every module (tsc against the SDK's esp32 typings, then xsc).
  const modulesOnly = missing !== undefined && platform.startsWith('esp32');
  if (missing) {
    console.error(`warning: no ${missing}: ${modulesOnly ? 'compiling the modules only (TypeScript and XS bytecode), no firmware image' : 'mcconfig will stop where it needs it'}.`);
    // The platform's own steps (those after the SDK's), all of them: each is needed (docs/FLASHING.md §1).
    for (const step of installSteps(platform).slice(installSteps('lin').length)) console.error(`  ${step}`);
  }
  const r = await runMcconfig({ moddable, platform, out, debug, modulesOnly, config, manifest: './manifest.json', cwd: repoRoot, env: { [BOARD_VAR]: out } });
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
  let board: Board, provision: unknown;
  try {
    board = withBroker(loadBoard(options.board), options.broker);
    provision = provisioning(board, options.keys);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const out = options.out ? resolve(options.out) : join(repoRoot, 'build', board.name);
  mkdirSync(out, { recursive: true });
  writeBoardModules(out, board, provision);
  const platform = platformOf(board);
  console.log(`boards/${board.name}.json is valid: ${board.hosts.join(', ')} on ${board.mcu} (platform ${platform}).`);
  console.log(`Wrote ${shown(join(out, 'board.js'))} and the folder modules in ${shown(join(out, 'barrels'))}/.`);
  if (board.transport) {
    const where = board.transport.kind === 'mqtt' ? `the broker ${board.transport.host}:${board.transport.port}` : `UART ${board.transport.port}`;
    console.log(`Node ${board.node} joins the bus over ${board.transport.kind} (${where}); its provisioning is built into ${shown(join(out, 'provision.js'))} (secret).`);
  }
  if (!process.env.MODDABLE) {
    printCommands(platform, out, options.debug, options.config);
    // Not built is not success: a CI job must not read this as a build.
    console.error('build:firmware: nothing was compiled ($MODDABLE is not set): exit 1');
    return 1;
  }
  return build(platform, out, options.debug, options.config);
}

process.exitCode = await main(process.argv.slice(2));
