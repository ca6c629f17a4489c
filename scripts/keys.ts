// `npm run keys -- --nodes bridge,bay,airlock-a [--out keys/keyring.json]`: provisions one HMAC key per node.
// The keyring file holds every node's key (each node checks messages under their sender's key): copy it to each
// board and never commit it (keys/ is git-ignored). See docs/PROTOCOL.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { shipAirlocks } from '../firmware/board/signals';

const USAGE = 'usage: npm run keys -- [--nodes a,b,c] [--out keys/keyring.json]';
const arg = (name: string) => {
  const i = process.argv.indexOf(name), v = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && (v === undefined || v.startsWith('-'))) { console.error(`keys: ${name} needs a value\n${USAGE}`); process.exit(2); }
  return v;
};
// By default the simulator's cluster: the bridge, the bay, and a node per ship's airlock.
const defaultNodes = ['bridge', 'bay', ...shipAirlocks.map((l) => `airlock-${l.toLowerCase()}`)].join(',');
const nodes = (arg('--nodes') ?? defaultNodes).split(',').map((n) => n.trim()).filter(Boolean);
const out = arg('--out') ?? 'keys/keyring.json';
if (nodes.length === 0 || nodes.some((n) => !/^[a-z0-9][a-z0-9-]*$/.test(n))) { console.error(`keys: node names are lowercase letters, digits and dashes\n${USAGE}`); process.exit(2); }
const keyring: { [node: string]: string } = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
for (const n of nodes) keyring[n] ??= randomBytes(32).toString('hex');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(keyring, null, 2) + '\n', { mode: 0o600 });
console.log(`keys: ${out} holds keys for ${Object.keys(keyring).join(', ')} (existing keys kept)`);
