// The mcsim harness's manifest names each module of sim/ and firmware/net/ that the code it runs imports: mcconfig
// builds only what a manifest names, and a module left out fails only at run time, on the SDK (`import … not
// found`). Checked here on every run, without the SDK.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('bench/moddable/manifest.json', 'utf8')) as { modules: { [name: string]: unknown } };
const named = Object.keys(manifest.modules);
/** Whether the manifest names a module, itself or through a folder wildcard (`sim/scenario/*`). */
const covered = (module: string) => named.some((n) => n === module || (n.endsWith('/*') && module.startsWith(n.slice(0, -1)) && !module.slice(n.length - 1).includes('/')));

describe('the mcsim harness manifest', () => {
  it('names every sim/ and firmware/net/ module that the scenarios on mcsim import', async () => {
    const result = await build({
      entryPoints: ['bench/xs/scenarios.ts'], bundle: true, write: false, metafile: true, platform: 'neutral', format: 'esm', logLevel: 'silent',
      mainFields: ['module', 'main'],
    });
    const modules = Object.keys(result.metafile!.inputs).filter((p) => /^(sim|firmware\/net)\//.test(p))
      .filter((p) => !p.startsWith('sim/physics/') && !/^sim\/provider(\/|\.ts$)/.test(p)) // from the main manifest
      .map((p) => p.replace(/\.ts$/, ''));
    expect(modules).toContain('sim/cluster');
    expect(modules.filter((m) => !covered(m))).toEqual([]);
  });
});
