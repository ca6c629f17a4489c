// What a board's network gives the firmware: a transport of text messages between nodes, and HMAC-SHA256.
// They are HAL interfaces (a provider implements them: MQTT on the host, a serial link on a board), so they
// live below the firmware that uses them.

/** Sends and receives whole text messages addressed by node name. */
export interface Transport {
  send(to: string, text: string): void;
  onMessage(handler: (text: string) => void): void;
}

/** HMAC-SHA256 of `message` under the key `keyHex`, as lowercase hex. */
export type HmacSha256 = (keyHex: string, message: string) => string;
