// A board's node over framed serial (an RS-485 transceiver on a UART): ECMA-419 Serial from the board's own
// provider, Preference and native HMAC around the same node the host runs. `node-start` names this module on
// boards whose transport is serial.
import Preference from 'preference';
import provision from 'provision';
import { startDeviceNode } from '../device-node';
import { createSerialTransport } from '../serial-transport';
import { moddableHmac } from './moddable-hmac';
import { checkProvision } from '../provision';
import type { BusStart } from './start';

const startSerialNode: BusStart = (o) => {
  const link = o.board.transport;
  if (link?.kind !== 'serial') throw new Error(`boards/${o.board.name}.json: transport: this build joins the bus over serial`);
  const node = o.board.node ?? o.board.name;
  checkProvision(provision, node, `the provisioning built in for node ${node}`);
  const transport = createSerialTransport(o.device, { transmit: link.tx, receive: link.rx, baud: link.baud, port: link.port });
  try {
    return startDeviceNode({ ...o, provision, preferences: Preference, hmac: moddableHmac, transport });
  } catch (e) { transport.close(); throw e; }
};
export default startSerialNode;
