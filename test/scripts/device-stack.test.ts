// Code that runs on a board never passes an array as arguments (`f(...xs)`, `f.apply(null, xs)`): XS puts each
// argument on the stack, a device's stack is 512 slots (manifest.json's `creation`), and running out is an XS abort
// that no try/catch stops. xsnap's stack is far larger, so only the SDK's runtime shows it (mcsim did, once, in
// the UTF-8 decoder of every received message). This scans the device code for both forms.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DEVICE = ['firmware', 'hal/drivers', 'hal/board', 'hal/types.ts', 'hal/providers/moddable-builtin-clock.ts', 'sim/provider.ts', 'sim/provider', 'sim/physics'];
const files = (path: string): string[] => statSync(path).isDirectory() ? readdirSync(path).flatMap((f) => files(join(path, f))) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
const FORMS = [/[\w\])]\s*\(\s*\.\.\./, /\.apply\(\s*(null|undefined|this)\s*,/];

describe('device code and the device stack', () => {
  it('passes no array as call arguments, by spread or apply', () => {
    const found: string[] = [];
    for (const file of DEVICE.flatMap(files)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (!line.trim().startsWith('//') && !line.trim().startsWith('*') && FORMS.some((f) => f.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
