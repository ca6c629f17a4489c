// A board's node over MQTT (Wi-Fi boards, and the desktop simulator on the host's network): Moddable's MQTT
// client through our adapter. `node-start` names this module on boards whose transport is MQTT.
import Client from 'mqtt';
import { createModdableMqttTransport, type MqttClientClass } from '../moddable-mqtt';
import { startBoardNode } from './board-node';
import type { BusStart } from './start';

const startMqttNode: BusStart = (o) => startBoardNode(o, (node) => {
  const link = o.board.transport;
  if (link?.kind !== 'mqtt') throw new Error(`boards/${o.board.name}.json: transport: this image joins the bus over MQTT`);
  return createModdableMqttTransport(Client as unknown as MqttClientClass, { host: link.host, port: link.port, node, clock: o.clock, onStatus: o.onStatus });
});
export default startMqttNode;
