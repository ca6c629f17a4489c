// `npm run keys -- [--boards sim-bridge,sim-bay,...] [--out keys]`: provisions each node of a deployment with only
// its own secrets: one 32-byte key per pair of nodes, written into `<out>/<node>.json` together with the directory
// (which node hosts each machine). Existing pair keys are kept. keys/ is git-ignored. See docs/PROTOCOL.md.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '../firmware/board/types';
import { nodeNameOf as nodeOf } from '../firmware/net/node';
import { fileStateStore } from './lib/node-net';
import { readSmallFile } from './lib/small-file';
import { listBoards, loadBoard } from './lib/board-file';

const usage = `usage: npm run keys -- [--boards <board>,<board>,...] [--out <folder>]

  --boards   the deployment's board files (default: every board in boards/ that names a node)
  --out      where to write one <node>.json per node (default: keys); mode 0600, never commit it

Each node's file holds the key it shares with each other node and nothing else, so no node can sign as
another. Re-running keeps the pair keys already there; a pair whose two files disagree gets a new key.`;

function fail(message: string): never { console.error(`keys: ${message}\n${usage}`); process.exit(2); }

function options(argv: string[]): { boards?: string[]; out: string } {
  const o: { boards?: string[]; out: string } = { out: 'keys' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i], value = argv[i + 1];
    if (flag === '--help') { console.log(usage); process.exit(0); }
    if (flag !== '--boards' && flag !== '--out') fail(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) fail(`${flag} needs a value`);
    if (flag === '--boards') o.boards = value.split(',').map((b) => b.trim()).filter(Boolean);
    else o.out = value;
    i++;
  }
  return o;
}

const o = options(process.argv.slice(2));
// --out is a folder: an existing file there is refused before anything is generated.
if (existsSync(o.out) && !statSync(o.out).isDirectory()) fail(`--out ${o.out} is a file, not a folder`);
let boards: Board[];
try {
  boards = (o.boards ?? listBoards()).map((name) => loadBoard(name)).filter((b) => o.boards || b.node);
} catch (e) { fail((e as Error).message); }
const names = [...new Set(boards.map(nodeOf))];
if (names.length < 2) fail(`a deployment needs two nodes or more (got ${names.join(', ') || 'none'})`);
if (names.some((n) => !/^[a-z0-9-]{1,64}$/.test(n))) fail('node names are lowercase letters, digits and dashes');
// Freshness is judged as 3T of the receiver's T: a deployment whose boards disagree on T would see the slower ones
// go stale between their heartbeats.
const periods = [...new Set(boards.map((b) => b.transport?.heartbeatMs ?? 1000))];
if (periods.length > 1) fail(`the boards disagree on transport.heartbeatMs (${boards.map((b) => `${b.name}: ${b.transport?.heartbeatMs ?? 1000}`).join(', ')}): one report period for the whole deployment`);

// What is already provisioned: a pair key is kept only if both of its nodes hold the same one.
const existing = (node: string): { [peer: string]: string } => {
  const file = join(o.out, `${node}.json`);
  if (!existsSync(file)) return {};
  try { return JSON.parse(readSmallFile(file)).keys ?? {}; } catch { return {}; }
};
const old = Object.fromEntries(names.map((n) => [n, existing(n)]));
const keys = Object.fromEntries(names.map((n) => [n, {} as { [peer: string]: string }]));
let kept = 0;
for (let i = 0; i < names.length; i++) {
  for (let j = i + 1; j < names.length; j++) {
    const [a, b] = [names[i], names[j]];
    const same = old[a][b] !== undefined && old[a][b] === old[b][a] && /^[0-9a-f]{64}$/.test(old[a][b]);
    const key = same ? old[a][b] : randomBytes(32).toString('hex');
    if (same) kept++;
    keys[a][b] = key; keys[b][a] = key;
  }
}
const directory = Object.fromEntries(boards.flatMap((b) => b.hosts.map((id) => [id, nodeOf(b)])));
const store = fileStateStore(o.out);
try {
  for (const n of names) store.put(`${n}.json`, `${JSON.stringify({ node: n, keys: keys[n], directory }, null, 2)}\n`);
} catch (e) { fail(`cannot write into ${o.out}: ${(e as Error).message}`); }
console.log(`keys: ${o.out}/{${names.join(',')}}.json, ${(names.length * (names.length - 1)) / 2} pair keys (${kept} kept); give each node only its own file`);
