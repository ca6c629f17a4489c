// What both transports' starts share on a board: the provisioning built in (checked before the transport opens,
// so a board provisioned for another node never speaks), Preference, the native HMAC and random source, then the
// device node.
import Preference from 'preference';
import provision from 'provision';
import RNG from 'rng';
import { checkDeviceProvision, startDeviceNode } from '../device-node';
import { nodeNameOf, type Node, type Transport } from '../node';
import { hex, moddableHmac } from './moddable-hmac';
import type { BusStartOptions } from './start';

export function startBoardNode(o: BusStartOptions, open: (node: string) => Transport & { close(): void }): Node {
  checkDeviceProvision(o.board, provision);
  const transport = open(nodeNameOf(o.board));
  try {
    return startDeviceNode({ ...o, provision, preferences: Preference, hmac: moddableHmac, nonce: () => hex(RNG.get(16)), transport });
  } catch (e) { transport.close(); throw e; }
}
