// A board's node over MQTT (Wi-Fi boards, and the desktop simulator on the host's network): Moddable's MQTT
// client, Preference and native HMAC around the same node the host runs. `node-start` names this module on
// boards whose transport is MQTT.
import Client from 'mqtt';
import Preference from 'preference';
import provision from 'provision';
import { startDeviceNode } from '../device-node';
import { createModdableMqttTransport, type MqttClientClass } from '../moddable-mqtt';
import { checkProvision } from '../provision';
import { moddableHmac } from './moddable-hmac';
import type { BusStart } from './start';

const startMqttNode: BusStart = (o) => {
  const link = o.board.transport;
  if (link?.kind !== 'mqtt') throw new Error(`boards/${o.board.name}.json: transport: this build joins the bus over MQTT`);
  const node = o.board.node ?? o.board.name;
  // Checked before the first connection: a board provisioned for another node never speaks.
  checkProvision(provision, node, `the provisioning built in for node ${node}`);
  const transport = createModdableMqttTransport(Client as unknown as MqttClientClass, {
    host: link.host, port: link.port, node, clock: o.clock, onStatus: o.onStatus,
  });
  try {
    return startDeviceNode({ ...o, provision, preferences: Preference, hmac: moddableHmac, transport });
  } catch (e) { transport.close(); throw e; }
};
export default startMqttNode;
