// The host's side of the bus: MQTT with mqtt.js, HMAC-SHA256 with node:crypto, and the epoch persisted in a file.
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import mqtt from 'mqtt';
import type { HmacSha256, Transport } from '../net';

export const nodeHmac: HmacSha256 = (keyHex, message) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message, 'utf8').digest('hex');

/** Reads the boot count from `file`, adds one, writes it back before anything is sent, and returns it. */
export function nextEpoch(file: string): number {
  let epoch = 0;
  try { epoch = Number(readFileSync(file, 'utf8').trim()) || 0; } catch { /* first boot */ }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${epoch + 1}\n`);
  return epoch + 1;
}

// Topics: one per node for what is addressed to it, one for everyone. Nothing is retained: a retained message
// or a last will is at most a hint (the broker's `status/<node>`), never evidence.
const PREFIX = 'launchbay';
export const topicFor = (to: string) => (to === '*' ? `${PREFIX}/all` : `${PREFIX}/node/${to}`);

export interface MqttTransport extends Transport {
  /** Resolves once connected and subscribed. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function createMqttTransport(o: { url: string; node: string; onError?(e: Error): void; onStatus?(s: string): void }): MqttTransport {
  const client = mqtt.connect(o.url, {
    clientId: `launchbay-${o.node}-${process.pid}`,
    reconnectPeriod: 500,
    connectTimeout: 3000,
    will: { topic: `${PREFIX}/status/${o.node}`, payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  let handler: (text: string) => void = () => {};
  client.on('message', (_topic, payload) => handler(payload.toString('utf8')));
  client.on('error', (e) => o.onError?.(e));
  client.on('offline', () => o.onStatus?.('offline'));
  const ready = new Promise<void>((resolve) => {
    client.on('connect', () => {
      o.onStatus?.('connected');
      client.subscribe([topicFor(o.node), topicFor('*')], { qos: 1 }, () => resolve());
      client.publish(`${PREFIX}/status/${o.node}`, 'online', { qos: 1, retain: true });
    });
  });
  return {
    ready,
    send: (to, text) => { client.publish(topicFor(to), text, { qos: 1 }); },
    onMessage: (h) => { handler = h; },
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
}
