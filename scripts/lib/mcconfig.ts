// Runs the Moddable SDK's mcconfig for one build, and says exactly what is missing when the SDK is not there.
// Never a deploy: always `-t build`, since the SDK's `all`, `deploy` and `xsbug` targets run `pkill`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The SDK version this project's build and types were checked against (docs/FLASHING.md). */
export const SDK_TESTED = 'Moddable SDK 8.2.3 (commit 48ee02d8)';
/** The manifest's `build.NAME`: the folder mcconfig names after the application. */
export const APP_NAME = 'launch-bay';

export interface McconfigRun {
  /** The SDK's root ($MODDABLE). */
  moddable: string;
  platform: string;
  /** Where mcconfig writes tmp/ and bin/ (`-o`). */
  out: string;
  /** The manifest, relative to `cwd`. */
  manifest: string;
  cwd: string;
  debug?: boolean;
  /** `-i`: Moddable's instrumentation (XS heap and stack figures) in a release build. */
  instrument?: boolean;
  /**
   * Compile the modules only (tsc and xsc, as the generated makefile does), none of the C: for a platform whose
   * native toolchain is absent. Stand-ins take the place of what the makefile reads from it ($IDF_PATH).
   */
  modulesOnly?: boolean;
  /** `name=value` config for the manifest (Moddable's `ssid=` and `password=` for Wi-Fi). */
  config?: string[];
  /**
   * Keep what an earlier build in `out` compiled from unchanged sources (make decides): for a run of builds from one
   * checkout that share an output folder, after the first (which forgets them, so a TypeScript error shows there).
   */
  keepCompiled?: boolean;
  /** Extra environment, e.g. the generated modules' folder. */
  env?: Record<string, string>;
  /** Where the build's output goes; the console when not given. */
  echo?: (text: string) => void;
}

export interface McconfigResult { status: number; output: string; problem?: string }

const hostPlatform = (): 'mac' | 'lin' => (process.platform === 'darwin' ? 'mac' : 'lin');

/** The SDK's tool folder for this host. */
export const sdkTools = (moddable: string) => join(moddable, 'build', 'bin', hostPlatform(), 'release');

/** Why the Moddable runs cannot happen here, or undefined when they can. */
export function moddableMissing(env = process.env): string | undefined {
  if (!env.MODDABLE) return '$MODDABLE is not set (install the Moddable SDK: docs/FLASHING.md)';
  if (!existsSync(join(sdkTools(env.MODDABLE), 'mcsim'))) return `no mcsim in ${sdkTools(env.MODDABLE)} (build the SDK's tools)`;
  for (const tool of ['xvfb-run', 'stdbuf', 'timeout']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (apt-get install xvfb xauth coreutils)`;
  }
  return undefined;
}

export function mcconfigArgs(o: Pick<McconfigRun, 'platform' | 'out' | 'manifest' | 'debug' | 'instrument' | 'config'>): string[] {
  return [...(o.debug ? ['-d'] : []), ...(o.instrument ? ['-i'] : []), '-m', '-t', 'build', '-p', o.platform, '-o', o.out, o.manifest, ...(o.config ?? [])];
}

/**
 * Deletes what the TypeScript step produced (tmp/…/launch-bay/tsc and modules/), so every build compiles every
 * module again: `tsc` writes its output even on error and make does not delete it, so a second make would
 * "succeed" on a stale module. The C objects stay, so a rebuild is still quick.
 */
export function forgetCompiledModules(out: string): void {
  const walk = (dir: string, depth: number): void => {
    if (depth > 5 || !existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const path = join(dir, e.name);
      if (e.name === APP_NAME) { for (const d of ['tsc', 'modules']) rmSync(join(path, d), { recursive: true, force: true }); }
      else walk(path, depth + 1);
    }
  };
  walk(join(out, 'tmp'), 0);
}

/** Lines of the build's output that say TypeScript failed; a make that still exits 0 does not hide them. */
export function typescriptFailures(output: string): string[] {
  return output.split('\n').filter((l) => /typescript compile failure|error TS\d+/.test(l));
}

/** Runs one command, echoing and collecting its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, echo: (t: string) => void): Promise<{ code: number; output: string; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => { const text = chunk.toString(); output += text; echo(text); };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => resolve({ code: 1, output, error: e.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function verdict(code: number, output: string, what: string): McconfigResult {
  const failures = typescriptFailures(output);
  if (failures.length > 0) return { status: code || 1, output, problem: `TypeScript failed (${failures.length} line(s)): ${failures[0]!.trim()}` };
  if (code !== 0) return { status: code, output, problem: `${what} failed (exit ${code})` };
  return { status: 0, output };
}

/** The makefile mcconfig generated for the application under `out`. */
export function generatedMakefile(out: string): string | undefined {
  const walk = (dir: string, depth: number): string | undefined => {
    if (depth > 5 || !existsSync(dir)) return undefined;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const path = join(dir, e.name);
      const found = e.name === APP_NAME && existsSync(join(path, 'makefile')) ? join(path, 'makefile') : walk(path, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return walk(join(out, 'tmp'), 0);
}

/** Stand-ins for the native toolchain's settings that the generated makefile reads while it is parsed. */
function standIns(o: McconfigRun): { env: Record<string, string>; makeVars: string[] } {
  if (!o.platform.startsWith('esp32') || process.env.IDF_PATH) return { env: {}, makeVars: [] };
  const dir = join(o.out, 'no-esp-idf');
  mkdirSync(dir, { recursive: true });
  return { env: { IDF_PATH: dir }, makeVars: [`IDF_PATH=${dir}`, 'IDF_VERSION=v6.0'] };
}

/** Runs mcconfig with the SDK's tools and this repository's pinned `tsc` first on PATH. */
export async function runMcconfig(o: McconfigRun): Promise<McconfigResult> {
  const tools = sdkTools(o.moddable);
  const command = join(tools, 'mcconfig');
  const echo = o.echo ?? ((t: string) => process.stdout.write(t));
  if (!existsSync(command)) {
    return { status: 1, output: '', problem: `$MODDABLE is ${o.moddable}, but ${command} does not exist: build the SDK's tools (cd $MODDABLE/build/makefiles/${hostPlatform()} && make)` };
  }
  if (!o.keepCompiled) forgetCompiledModules(o.out);
  const fake = o.modulesOnly ? standIns(o) : { env: {}, makeVars: [] };
  const PATH = [join(o.cwd, 'node_modules', '.bin'), tools, process.env.PATH ?? ''].join(delimiter);
  const env = { ...process.env, ...o.env, ...fake.env, MODDABLE: o.moddable, PATH };
  // Without -m, mcconfig only writes the makefile; the modules-only build then makes the modules' targets itself.
  const args = o.modulesOnly ? mcconfigArgs(o).filter((a) => a !== '-m' && a !== '-t' && a !== 'build') : mcconfigArgs(o);
  echo(`${Object.entries(o.env ?? {}).map(([k, v]) => `${k}=${v} `).join('')}mcconfig ${args.join(' ')}\n`);
  const configured = await run(command, args, o.cwd, env, echo);
  if (configured.error) return { status: 1, output: configured.output, problem: `could not run mcconfig: ${configured.error}` };
  if (!o.modulesOnly || configured.code !== 0) return verdict(configured.code, configured.output, 'mcconfig');
  const makefile = generatedMakefile(o.out);
  if (!makefile) return { status: 1, output: configured.output, problem: `mcconfig wrote no makefile under ${o.out}/tmp` };
  const listing = join(o.out, 'print-modules.mk');
  writeFileSync(listing, 'print-modules:\n\t@echo $(MODULES)\n');
  const listed = await run('make', ['-s', '-f', makefile, '-f', listing, ...fake.makeVars, 'print-modules'], dirname(makefile), env, () => {});
  const targets = listed.output.split(/\s+/).filter((t) => t.endsWith('.xsb'));
  if (targets.length === 0) return { status: 1, output: listed.output, problem: 'the generated makefile lists no modules' };
  echo(`# modules only: make ${targets.length} modules (tsc, xsc), no C\n`);
  const made = await run('make', ['-f', makefile, ...fake.makeVars, ...targets], dirname(makefile), env, echo);
  return verdict(made.code, configured.output + made.output, 'make (modules)');
}

/** What a user without the SDK installs, in order, for a board of `platform`. */
export function installSteps(platform: string): string[] {
  const host = hostPlatform();
  const steps = [
    `# The ${SDK_TESTED} (newer may work; this is the one tested). Its Getting Started guide has macOS and Windows.`,
    'sudo apt-get install gcc git wget make libncurses-dev flex bison gperf libglib2.0-dev libgtk-3-dev xvfb xauth',
    'git clone https://github.com/Moddable-OpenSource/moddable $HOME/Projects/moddable',
    'cd $HOME/Projects/moddable && git checkout 48ee02d8',
    'export MODDABLE=$HOME/Projects/moddable',
    `export PATH=$PATH:$MODDABLE/build/bin/${host}/release`,
    `cd $MODDABLE/build/makefiles/${host} && make        # tools and mcsim; "make install" is not needed`,
  ];
  if (platform.startsWith('esp32')) {
    steps.push('# ESP32: ESP-IDF v6.0 as $MODDABLE/documentation/devices/esp32.md installs it, then in every shell that builds:');
    steps.push(`export IDF_PATH=${IDF_DIR} && source $IDF_PATH/export.sh`);
  }
  if (platform.startsWith('pico')) steps.push(...PICO_STEPS);
  return steps;
}

/** Where the ESP32 steps put ESP-IDF (one path, wherever the docs or the hint name it). */
export const IDF_DIR = '$HOME/esp32/esp-idf-v6.0';

/**
 * The Pico's steps, each one a user following them alone needs ($MODDABLE/documentation/devices/pico.md leaves
 * several to the reader): the Pico SDK with its submodules, pico-extras and pico-examples, the headers that
 * configuring pico-examples generates (Moddable's makefile includes them), pioasm (its build needs the version
 * define), picotool 2.2.0 built from its own checkout where mcconfig calls it, and MAKEFLAGS (the SDK's version
 * check needs bash). picotool is built and installed before pico-examples is configured: configuring looks for an
 * installed picotool 2.2.0 and, finding none, clones it from GitHub (offline, "Configuring incomplete" and no
 * config_autogen.h); its build folder's picotoolConfig.cmake does not load, the installed one does. Last, the
 * bootrom `npm run emulate` needs, from rp2040js, extracted from this repository (the steps left it for $HOME/pico).
 */
const PICO_STEPS = [
  '# Pico: Debian\'s Arm toolchain, the Pico SDK 2.2.0 with its submodules, pico-extras and pico-examples:',
  'sudo apt-get install cmake gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib build-essential pkg-config libusb-1.0-0-dev',
  'mkdir -p $HOME/pico && cd $HOME/pico',
  'git clone -b 2.2.0 https://github.com/raspberrypi/pico-sdk && git -C pico-sdk submodule update --init',
  'git clone -b sdk-2.2.0 https://github.com/raspberrypi/pico-extras',
  'git clone -b sdk-2.2.0 https://github.com/raspberrypi/pico-examples',
  'git clone -b 2.2.0 https://github.com/raspberrypi/picotool',
  '# In every shell that builds (PICO_SDK_DIR too: the SDK\'s default for it is misspelt):',
  'export PICO_ROOT=$HOME/pico PICO_SDK_DIR=$HOME/pico/pico-sdk PICO_SDK_PATH=$HOME/pico/pico-sdk PICO_GCC_ROOT=/usr',
  'export PICO_EXTRAS_DIR=$HOME/pico/pico-extras PICO_EXAMPLES_DIR=$HOME/pico/pico-examples',
  'export MAKEFLAGS="SHELL=/bin/bash"    # without it: "Expected PICO SDK 2.2.0, found 2.2.0"',
  '# Once, in $HOME/pico: picotool (where mcconfig calls it, and installed: configuring pico-examples finds it there',
  '# instead of cloning it from GitHub), pioasm, then the headers Moddable\'s makefile includes (pico-examples/build/generated/pico_base):',
  'cmake -S picotool -B picotool/build -DPICO_SDK_PATH=$PICO_SDK_DIR && make -C picotool/build',
  'cmake --install picotool/build --prefix $HOME/pico/picotool-install',
  'mkdir -p pico-sdk/build/_deps/picotool && cp picotool/build/picotool pico-sdk/build/_deps/picotool/',
  'cmake -S pico-sdk/tools/pioasm -B pico-sdk/build/pioasm -DPIOASM_VERSION_STRING=2.2.0 && make -C pico-sdk/build/pioasm',
  'cmake -S pico-examples -B pico-examples/build -Dpicotool_DIR=$HOME/pico/picotool-install/lib/cmake/picotool',
  '# For npm run emulate: the RP2040 bootrom, from a checkout of rp2040js (its npm package carries none):',
  'git clone https://github.com/wokwi/rp2040js',
  '# Back in this repository (the folder npm ci ran in; `cd -` would not go there after the steps above):',
  'npm run emulate -- --extract-bootrom $HOME/pico/rp2040js/demo/bootrom.ts --out $HOME/pico/bootrom-b1.bin',
];

