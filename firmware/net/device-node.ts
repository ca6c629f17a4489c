// A board as a node: its provisioning checked, its epoch and replay windows in Preference, then the same node as
// the host runs (node.ts). Everything the SDK provides is injected (Preference, the HMAC, the transport), so the
// same code runs on Moddable's runtime, on xsnap, and on Node in tests.
import type { Board } from '../board/types';
import type { ControllerOptions } from '../controller';
import { createPreferenceStore, type PreferenceApi } from './preference-store';
import type { HmacSha256 } from './hmac';
import { nodeNameOf, openNode, type Node, type Transport } from './node';
import { checkProvision, type Provision } from './provision';

export interface DeviceNodeOptions extends Omit<ControllerOptions, 'remote' | 'ready' | 'hooks'> {
  /** The node's provisioning record (`npm run keys`: keys/<node>.json), as parsed, not yet checked. */
  provision: unknown;
  /** Moddable's Preference (or a stand-in): where the node's state survives a reboot. */
  preferences: PreferenceApi;
  hmac: HmacSha256;
  /** A challenge's nonce from the platform's random source (Moddable's `rng`), 32 hex digits. */
  nonce(): string;
  onPeerRestart?(node: string): void;
  transport: Transport;
  /** Report period T, ms (default: the board's `transport.heartbeatMs`, else 1000). */
  heartbeatMs?: number;
}

/** The provisioning, checked for this board's node (`where` names it in errors): it must be for this node, and
 * put every machine the board hosts on it, where the others will send that machine's commands. */
export function checkDeviceProvision(board: Board, provision: unknown, where = `the provisioning built in for node ${nodeNameOf(board)}`): Provision {
  const name = nodeNameOf(board);
  const p = checkProvision(provision, name, where);
  for (const id of board.hosts) {
    if (p.directory.get(id) !== name) throw new Error(`${where}: directory.${id}: is ${JSON.stringify(p.directory.get(id) ?? null)}, but this board (node ${name}) hosts it: provision again with npm run keys`);
  }
  return p;
}

/** Starts the board's node; throws, naming the field, when its provisioning is not for this node. */
export function startDeviceNode(o: DeviceNodeOptions): Node { return openDeviceNode(o)(); }

/** `startDeviceNode` in openNode's two steps: this one opens the node's end of the bus, and returns the one that
 * starts its controller. */
export function openDeviceNode(o: DeviceNodeOptions): () => Node {
  const p = checkDeviceProvision(o.board, o.provision);
  return openNode({
    ...o, keys: p.keys, directory: p.directory, store: createPreferenceStore(o.preferences),
    heartbeatMs: o.heartbeatMs ?? o.board.transport?.heartbeatMs,
  });
}
