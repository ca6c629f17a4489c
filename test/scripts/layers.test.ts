// Layers point down: nothing in hal/ imports the firmware above it, and nothing in sim/ imports the tools in scripts/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);

describe('the layers', () => {
  it('hal/ imports nothing from firmware/', () => {
    for (const file of sources('hal')) for (const target of imports(file)) expect(target, file).not.toMatch(/(^|\/)firmware\//);
  });

  it('sim/ imports nothing from scripts/', () => {
    for (const file of sources('sim')) for (const target of imports(file)) expect(target, file).not.toMatch(/(^|\/)scripts\//);
  });
});
