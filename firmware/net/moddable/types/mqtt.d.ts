// Moddable's MQTT client (modules/network/mqtt/mqtt.js, shipped without typings as of SDK 8.2.3), QoS 0:
// callbacks are set after construction; `onReady` follows the broker's CONNACK; `onClose` precedes the close.
// Node builds map `mqtt` here for mcconfig's compiler; tsconfig.device.json does the same.
export default class Client {
  constructor(options: {
    host: string; port?: number; id?: string; user?: string; password?: string | ArrayBuffer; timeout?: number;
    will?: { topic: string; message: string | ArrayBuffer; retain?: boolean; quality?: number };
  });
  onReady?: () => void;
  onMessage?: (topic: string, body: ArrayBuffer) => void;
  onClose?: () => void;
  publish(topic: string, data: string | ArrayBuffer, flags?: { retain?: boolean; quality?: number; duplicate?: boolean }): void;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  close(immediate?: boolean): void;
}
