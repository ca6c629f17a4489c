// What both transports' starts share on a board: the provisioning built in (checked before the transport opens,
// so a board provisioned for another node never speaks), Preference, the native HMAC and random source, then the
// device node's first step (its end of the bus); the entry takes the second (its controller) on a timer of its own.
import Preference from 'preference';
import provision from 'provision';
import RNG from 'rng';
import { checkDeviceProvision, openDeviceNode } from '../device-node';
import { nodeNameOf, type Transport } from '../node';
import { hex, moddableHmac } from './moddable-hmac';
import type { BusStartOptions, OpenedNode } from './start';

export function startBoardNode(o: BusStartOptions, open: (node: string) => Transport & { close(): void }): OpenedNode {
  checkDeviceProvision(o.board, provision);
  const transport = open(nodeNameOf(o.board));
  try {
    return { start: openDeviceNode({ ...o, provision, preferences: Preference, hmac: moddableHmac, nonce: () => hex(RNG.get(16)), transport }), close: () => transport.close() };
  } catch (e) { transport.close(); throw e; }
}
