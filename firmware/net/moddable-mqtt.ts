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
  /** Wait before a new client replaces a closed one, ms (default 1000), doubled after each failed attempt up to
   * 8 times as long, and back to it once connected. */
  retryMs?: number;
  /** Keep-alive, ms (default 10000). */
  keepAliveMs?: number;
  /** Told of each connection and each loss (or the first failed attempt), and of the first payload dropped unread
   * and every hundredth after it. */
  onStatus?(status: string): void;
}

export interface DeviceMqttTransport extends Transport {
  readonly connected: boolean;
  /** Payloads dropped before the envelope was looked at (too large, not UTF-8). */
  readonly badPayloads: number;
  /** Messages dropped because no client was connected, or its publish failed. */
  readonly unsent: number;
  close(): void;
}

// An envelope is at most LIMITS.text characters, all of them ASCII in a valid one (names, states, numbers, hex):
// a larger payload is dropped before a byte of it is decoded.
const MAX_PAYLOAD = LIMITS.text;

// XS's own UTF-8 decoder (undefined on Node, where the host tests run this adapter). decodeUtf8 gathers one string
// per character in an array, and an XS array holds each item in a slot of its chunk (32 bytes on mcsim): a report
// of 1,500 characters took a 48 KB chunk, more than half of the board's, grown by copies on the way.
const fromArrayBuffer = (String as { fromArrayBuffer?: (buffer: ArrayBuffer) => string }).fromArrayBuffer;

/** A payload's text: a valid envelope is ASCII, made in one piece by XS when it can; anything else is checked by
 * decodeUtf8 (undefined when it is not well-formed UTF-8). The text is the same either way. */
function payloadText(body: ArrayBuffer): string | undefined {
  const bytes = new Uint8Array(body);
  if (fromArrayBuffer) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
    if (ascii) return fromArrayBuffer(body);
  }
  return decodeUtf8(bytes);
}

export function createModdableMqttTransport(Client: MqttClientClass, o: DeviceMqttOptions): DeviceMqttTransport {
  const retryMs = o.retryMs ?? 1000, keepAliveMs = o.keepAliveMs ?? 10_000;
  let client: MqttClient | undefined;
  let connected = false, closed = false, badPayloads = 0, unsent = 0;
  // The wait before the next attempt, and whether this outage has been told yet.
  let backoff = retryMs, told = false;
  let retry: TimerId | undefined;
  let handler: (text: string) => void = () => {};
  const status = (s: string) => { try { o.onStatus?.(s); } catch { /* a status line never stops the bus */ } };

  const lost = (why: string) => {
    if (connected) status(`mqtt: lost ${o.host}:${o.port} (${why})`);
    else if (!told) status(`mqtt: cannot reach ${o.host}:${o.port} (${why}); trying again every ${retryMs / 1000}–${(8 * retryMs) / 1000} s`);
    told = true;
    connected = false;
    const c = client;
    client = undefined;
    try { c?.close(); } catch { /* already closed */ }
    if (closed || retry !== undefined) return;
    retry = o.clock.set(() => { retry = undefined; connect(); }, backoff);
    backoff = Math.min(backoff * 2, 8 * retryMs);
  };
  const connect = () => {
    if (closed) return;
    let c: MqttClient;
    try {
      c = new Client({
        host: o.host, port: o.port, id: `launchbay-${o.node}`, timeout: keepAliveMs,
        will: { topic: statusTopic(o.node), message: 'offline', retain: true },
      });
    } catch (e) { lost(`cannot connect: ${(e as Error).message}`); return; }
    client = c;
    // A broker that takes the connection and never answers it: given up after 1.5 keep-alives, like a silent one.
    o.clock.set(() => { if (client === c && !connected) lost('no answer to the connection'); }, keepAliveMs * 1.5);
    c.onReady = () => {
      if (client !== c) return;
      try {
        c.subscribe(topicFor(o.node));
        c.subscribe(topicFor('*'));
        c.publish(statusTopic(o.node), 'online', { retain: true });
      } catch (e) { lost((e as Error).message); return; }
      connected = true;
      told = false;
      backoff = retryMs;
      status(`mqtt: connected to ${o.host}:${o.port}`);
    };
    c.onMessage = (topic, body) => {
      if (client !== c) return;
      const text = body instanceof ArrayBuffer && body.byteLength <= MAX_PAYLOAD ? payloadText(body) : undefined;
      if (text === undefined) {
        // Counted always, told now and then: a flood must not become a flood of console lines.
        if (badPayloads++ % 100 === 0) status(`mqtt: dropped payload ${badPayloads} on ${String(topic).slice(0, 80)} (${body instanceof ArrayBuffer ? `${body.byteLength} bytes` : 'not bytes'}, too large or not UTF-8)`);
        return;
      }
      // Link.open never throws; this guard keeps a bug past it from closing the client.
      try { handler(text); } catch (e) { status(`mqtt: a message's handling failed: ${(e as Error).message}`); }
    };
    // The SDK's client calls onClose, then closes itself.
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
        lost((e as Error).message);
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
