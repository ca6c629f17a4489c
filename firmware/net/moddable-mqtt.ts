// The bus over MQTT on a board: Moddable's MQTT client (the SDK's `mqtt` module), the same topics as the host's.
// The client is injected, so this runs, unchanged, on the host against a simulated broker (sim/mqtt-client.ts).
// Moddable's client has QoS 0 only and no reconnection of its own: a message is lost when the link is (the
// protocol expects that: heartbeats repeat every state), and a closed client is replaced after `retryMs`.
import type { Clock, TimerId } from '../../hal/types';
import { LIMITS } from './envelope';
import type { Transport } from './node';
import { decodeUtf8 } from './sha256';
import { statusTopic, topicFor } from './topics';

/** What this adapter uses of the SDK's `mqtt` Client (modules/network/mqtt/mqtt.js, Moddable SDK 8.2.3). */
export interface MqttClient {
  onReady?: () => void;
  onMessage?: (topic: string, body: ArrayBuffer) => void;
  onClose?: () => void;
  publish(topic: string, data: string | ArrayBuffer, flags?: { retain?: boolean }): void;
  subscribe(topic: string): void;
  close(): void;
}
export interface MqttClientOptions {
  host: string;
  port: number;
  id: string;
  /** Keep-alive, ms: a broker silent for 1.5 × this closes the client. */
  timeout: number;
  will: { topic: string; message: string; retain: boolean };
}
export type MqttClientClass = new (options: MqttClientOptions) => MqttClient;

export interface DeviceMqttOptions {
  host: string;
  port: number;
  node: string;
  clock: Clock;
  /** Wait before a new client replaces a closed one, ms (default 1000). */
  retryMs?: number;
  /** Keep-alive, ms (default 10000). */
  keepAliveMs?: number;
  /** Told of connections and losses, once each; and of payloads dropped unread. */
  onStatus?(status: string): void;
}

export interface DeviceMqttTransport extends Transport {
  readonly connected: boolean;
  /** Payloads dropped before the envelope was looked at (too large, not UTF-8), and sends while offline. */
  readonly badPayloads: number;
  readonly unsent: number;
  close(): void;
}

// Every envelope is at most LIMITS.text characters, so at most three times that many bytes of UTF-8.
const MAX_PAYLOAD = LIMITS.text * 3;

export function createModdableMqttTransport(Client: MqttClientClass, o: DeviceMqttOptions): DeviceMqttTransport {
  const retryMs = o.retryMs ?? 1000;
  let client: MqttClient | undefined;
  let connected = false, closed = false, badPayloads = 0, unsent = 0;
  let retry: TimerId | undefined;
  let handler: (text: string) => void = () => {};
  const status = (s: string) => { try { o.onStatus?.(s); } catch { /* a status line never stops the bus */ } };

  const lost = (why: string) => {
    if (connected) status(`mqtt: lost ${o.host}:${o.port} (${why})`);
    connected = false;
    client = undefined;
    if (!closed && retry === undefined) retry = o.clock.set(() => { retry = undefined; connect(); }, retryMs);
  };
  const connect = () => {
    if (closed) return;
    let c: MqttClient;
    try {
      c = new Client({
        host: o.host, port: o.port, id: `launchbay-${o.node}`, timeout: o.keepAliveMs ?? 10_000,
        will: { topic: statusTopic(o.node), message: 'offline', retain: true },
      });
    } catch (e) { lost(`cannot connect: ${(e as Error).message}`); return; }
    client = c;
    c.onReady = () => {
      if (client !== c) return;
      try {
        c.subscribe(topicFor(o.node));
        c.subscribe(topicFor('*'));
        c.publish(statusTopic(o.node), 'online', { retain: true });
      } catch (e) { lost((e as Error).message); return; }
      connected = true;
      status(`mqtt: connected to ${o.host}:${o.port}`);
    };
    c.onMessage = (topic, body) => {
      if (client !== c) return;
      const text = body instanceof ArrayBuffer && body.byteLength <= MAX_PAYLOAD ? decodeUtf8(new Uint8Array(body)) : undefined;
      if (text === undefined) {
        badPayloads++;
        status(`mqtt: dropped a payload on ${String(topic).slice(0, 80)} (${body instanceof ArrayBuffer ? `${body.byteLength} bytes` : 'not bytes'}, too large or not UTF-8)`);
        return;
      }
      // Link.open never throws; this guard keeps a bug past it from closing the client.
      try { handler(text); } catch (e) { status(`mqtt: a message's handling failed: ${(e as Error).message}`); }
    };
    c.onClose = () => { if (client === c) lost('closed'); };
  };

  connect();
  return {
    get connected() { return connected; },
    get badPayloads() { return badPayloads; },
    get unsent() { return unsent; },
    send(to, text) {
      if (!connected || !client) { unsent++; return; }
      try { client.publish(topicFor(to), text); } catch (e) {
        unsent++;
        const c = client;
        lost((e as Error).message);
        try { c.close(); } catch { /* already closed */ }
      }
    },
    onMessage: (h) => { handler = h; },
    close() {
      closed = true;
      if (retry !== undefined) o.clock.clear(retry);
      retry = undefined;
      const c = client;
      client = undefined;
      connected = false;
      try { c?.close(); } catch { /* already closed */ }
    },
  };
}
