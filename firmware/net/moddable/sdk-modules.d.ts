// Types for the Moddable SDK modules a node uses that the SDK ships without typings (8.2.3): `hmac`
// (modules/crypt/etc/hmac.js) and the MQTT client `mqtt` (modules/network/mqtt/mqtt.js). Node builds list this
// file in their manifest, so mcconfig's compiler reads it as well as CI's `npm run typecheck`.

/** Moddable's HMAC over a `crypt` digest: `process(data)` returns the MAC. */
declare module 'hmac' {
  import type { Digest } from 'crypt';
  export default class HMAC {
    constructor(digest: Digest, key: ArrayBuffer);
    process(...data: ArrayBuffer[]): ArrayBuffer;
  }
}

/** Moddable's MQTT client (QoS 0): callbacks are set after construction; `onReady` follows the broker's CONNACK. */
declare module 'mqtt' {
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
}
