// The layers, held by dependency-cruiser with the project's rules (.dependency-cruiser.cjs): imports point down,
// no circles, no orphans, no Node module in device code; and docs/ARCHITECTURE.md draws what the imports are.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, depcruise, FOLDERS, withLayers, type Cruise } from '../../scripts/lib/layer-docs';

let project: ReturnType<typeof cruise>;
beforeAll(() => { project = cruise(); }, 120_000);

describe('the layers', () => {
  it('break none of the rules', () => {
    expect(project.stderr).toBe('');
    expect(project.result!.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('are drawn in docs/ARCHITECTURE.md as the imports are (npm run docs:layers)', () => {
    const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
    expect(withLayers(doc, project.result!)).toBe(doc);
  });

  it('leave no top-level folder more than 30 % of the lines (tests not counted)', () => {
    const lines: { [folder: string]: number } = {};
    for (const m of (project.result as Cruise).modules) {
      const folder = m.source.split('/')[0];
      if (FOLDERS.includes(folder) && m.source.endsWith('.ts')) lines[folder] = (lines[folder] ?? 0) + readFileSync(m.source, 'utf8').split('\n').length - 1;
    }
    const total = Object.values(lines).reduce((a, b) => a + b, 0);
    for (const [folder, n] of Object.entries(lines)) expect(n / total, `${folder}/: ${n} of ${total} lines`).toBeLessThanOrEqual(0.3);
  });
});

describe('a rule broken on purpose', () => {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  const write = (path: string, text: string) => { mkdirSync(dirname(join(root, path)), { recursive: true }); writeFileSync(join(root, path), text); };
  beforeAll(() => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', types: [] } }));
    write('hal/types.ts', "import { step } from '../sim/world';\nexport const tick = () => step();\n"); // up a layer, and a circle
    write('sim/world.ts', "import { tick } from '../hal/types';\nexport const step = (): void => void tick;\n");
    write('firmware/main.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"); // Node in device code
    write('views/lonely.ts', 'export const alone = 1;\n'); // an orphan
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails the run, naming each rule', () => {
    const run = depcruise(root, ['hal', 'sim', 'firmware', 'views']);
    expect(run.status).toBe(4);
    expect(run.stdout).toMatch(/error layer-hal: hal\/types\.ts → sim\/world\.ts/);
    expect(run.stdout).toMatch(/error no-circular: hal\/types\.ts → \s*sim\/world\.ts →\s*hal\/types\.ts/);
    expect(run.stdout).toMatch(/error device-no-node: firmware\/main\.ts → fs/);
    expect(run.stdout).toMatch(/error no-orphans: views\/lonely\.ts/);
  }, 60_000);
});
