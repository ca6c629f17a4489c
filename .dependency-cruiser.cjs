// The layers, checked by dependency-cruiser (`npm test` runs it: test/scripts/layers.test.ts).
// Each top-level folder is one concern, and may import only the folders its row names (tests import anything).
// docs/ARCHITECTURE.md draws the same table, generated: `npm run docs:layers`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Bottom to top: what each folder may import, besides itself. */
const LAYERS = {
  hal: [],
  firmware: ['hal'],
  boards: ['hal', 'firmware'],
  sim: ['hal', 'firmware', 'boards'],
  verify: ['hal', 'firmware', 'boards'],
  emulators: ['hal', 'firmware', 'boards', 'sim'],
  views: ['hal', 'firmware', 'boards', 'sim'],
  scripts: ['hal', 'firmware', 'boards', 'sim', 'verify', 'emulators', 'views'],
  bench: ['hal', 'firmware', 'boards', 'sim', 'verify', 'emulators', 'views', 'scripts'],
};
const FOLDERS = Object.keys(LAYERS);

/** Code that runs on the device: what tsconfig.device.json type-checks without Node's types. */
const deviceTsconfig = JSON.parse(readFileSync(join(__dirname, 'tsconfig.device.json'), 'utf8'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DEVICE = `^(${deviceTsconfig.include.map((p) => (p.endsWith('.ts') ? `${escape(p)}$` : `${escape(p)}/`)).join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    ...FOLDERS.map((folder) => ({
      name: `layer-${folder}`,
      comment: `${folder}/ may import only ${LAYERS[folder].length ? LAYERS[folder].map((f) => `${f}/`).join(', ') : 'itself'} (docs/ARCHITECTURE.md, "The layers")`,
      severity: 'error',
      from: { path: `^${folder}/` },
      to: { path: `^(${FOLDERS.filter((f) => f !== folder && !LAYERS[folder].includes(f)).concat('test').join('|')})/` },
    })),
    {
      name: 'no-circular',
      comment: 'No modules import each other in a circle (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'Every module is imported, or imports something. Aside: type declarations, configuration files, and test files (vitest runs them by name; one holding only todos imports nothing of ours).',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^test/.*\\.test\\.ts$', '(^|/)[^/]*\\.config\\.(c|m)?[jt]s$', '^\\.dependency-cruiser\\.cjs$'] },
      to: {},
    },
    {
      name: 'device-no-node',
      comment: 'Device code (what tsconfig.device.json checks: firmware/, the hal interfaces, drivers and ECMA-419 clock, the simulated provider and physics) imports no Node module: XS has none.',
      severity: 'error',
      from: { path: DEVICE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'device-no-npm',
      comment: 'Device code imports no npm package either. Aside: firmware/net/moddable/, whose `mqtt` is the Moddable SDK\'s module (tsconfig.device.json maps it to its declaration), which resolution here takes for the npm package of that name.',
      severity: 'error',
      from: { path: DEVICE, pathNot: '^firmware/net/moddable/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or a package. Aside: the Moddable SDK\'s modules and the ones the firmware build generates (board, node-start, provision, harness-inputs), which exist only in an mcconfig build.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(board|node-start|provision|crypt|mqtt|hmac|rng|preference|timer|time|debug|instrumentation|harness-inputs|embedded:.*)$' },
    },
  ],
  options: {
    exclude: { path: '^(build|test-artifacts)/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: {
      text: { highlightFocused: false },
    },
  },
};

// The table itself, for the docs' generator (not a configuration key: dependency-cruiser validates those).
Object.defineProperty(config, 'LAYERS', { value: LAYERS, enumerable: false });
module.exports = config;
