// Bundles code into one script for XS with esbuild: no Node modules can slip in (platform neutral). Device code
// gets nothing XS lacks; XState and robot3 get the `console` they expect, printing through xsnap's `print`.
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The repository root, where entry points are resolved from. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// XState and robot3 log through console; the firmware itself never does.
const CONSOLE = `if (typeof globalThis.console === 'undefined') {
  const log = (...args) => print(args.map(String).join(' '));
  globalThis.console = { log, info: log, warn: log, error: log, debug: log, trace: log };
}`;

/** One script (an IIFE) of `entry` and everything it imports, for xsnap's `evaluate`. */
export async function bundleForXs(entry: string, options: { console?: boolean; plugins?: Plugin[] } = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    // XS follows the latest ECMAScript; esbuild need not lower anything.
    target: 'es2022',
    mainFields: ['module', 'main'],
    banner: { js: options.console ? CONSOLE : '' },
    logLevel: 'silent',
    plugins: options.plugins ?? [],
  });
  return result.outputFiles[0]!.text;
}
