// `npm run keys -- --nodes bridge,bay,airlock-a [--out keys/keyring.json]`: provisions one HMAC key per node.
// The keyring file holds every node's key (each node checks messages under their sender's key): copy it to each
// board and never commit it (keys/ is git-ignored). See docs/PROTOCOL.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const nodes = (arg('--nodes') ?? 'bridge,bay,airlock-a,airlock-b,airlock-c,airlock-d').split(',').map((n) => n.trim()).filter(Boolean);
const out = arg('--out') ?? 'keys/keyring.json';
if (nodes.some((n) => !/^[a-z0-9-]+$/.test(n))) { console.error('keys: node names are lowercase letters, digits and dashes'); process.exit(2); }
const keyring: { [node: string]: string } = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
for (const n of nodes) keyring[n] ??= randomBytes(32).toString('hex');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(keyring, null, 2) + '\n', { mode: 0o600 });
console.log(`keys: ${out} holds keys for ${Object.keys(keyring).join(', ')} (existing keys kept)`);
