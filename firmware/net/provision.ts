// A node's provisioning: its own name, the key it shares with each peer (one per pair, so it can sign as nobody
// but itself), and the deployment's directory (which node hosts each machine). Written by `npm run keys`, read by
// `npm run node` (a file) or a board (its preferences); checked here, with errors that name the field.
import { isHex, isNodeName } from './names';

export interface Provision {
  node: string;
  /** Peer → the 32-byte key (hex) this node shares with that peer only. */
  keys: Map<string, string>;
  /** Machine → the node hosting it. */
  directory: Map<string, string>;
}

/** Checks a parsed provisioning record for `expected` node; throws an Error naming the field at fault. */
export function checkProvision(parsed: unknown, expected: string, where: string): Provision {
  const fail = (field: string, what: string): never => { throw new Error(`${where}: ${field}: ${what}`); };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('(file)', 'not a JSON object');
  const p = parsed as { [k: string]: unknown };
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(p, k) ? p[k] : undefined);
  if (own('node') !== expected) fail('node', `is ${JSON.stringify(own('node'))}, this is node ${JSON.stringify(expected)}`);
  const keys = new Map<string, string>(), directory = new Map<string, string>();
  const keysField = own('keys'), dirField = own('directory');
  if (typeof keysField !== 'object' || keysField === null || Array.isArray(keysField)) return fail('keys', 'missing: an object of peer → key');
  for (const [peer, key] of Object.entries(keysField)) {
    if (!isNodeName(peer) || peer === expected) fail(`keys.${peer}`, 'not a peer node name');
    if (typeof key !== 'string' || !isHex(key, 64)) fail(`keys.${peer}`, 'not 64 hex digits');
    keys.set(peer, key as string);
  }
  if (typeof dirField !== 'object' || dirField === null || Array.isArray(dirField)) return fail('directory', 'missing: an object of machine → node');
  for (const [machine, node] of Object.entries(dirField)) {
    if (typeof node !== 'string' || (node !== expected && !keys.has(node))) fail(`directory.${machine}`, `${JSON.stringify(node)} is neither this node nor a peer with a key`);
    directory.set(machine, node as string);
  }
  return { node: expected, keys, directory };
}
