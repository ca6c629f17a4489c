// A board's node over framed serial (an RS-485 transceiver on a UART of its own): the board provider's ECMA-419
// Serial. `node-start` names this module on boards whose transport is serial.
import { createSerialTransport } from '../serial-transport';
import { startBoardNode } from './board-node';
import type { BusStart } from './start';

const startSerialNode: BusStart = (o) => startBoardNode(o, () => {
  const link = o.board.transport;
  if (link?.kind !== 'serial') throw new Error(`boards/${o.board.name}.json: transport: this image joins the bus over serial`);
  return createSerialTransport(o.device, { transmit: link.tx, receive: link.rx, baud: link.baud, port: link.port });
});
export default startSerialNode;
