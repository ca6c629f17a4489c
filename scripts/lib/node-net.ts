// The host's side of the bus: MQTT with mqtt.js, HMAC-SHA256 with node:crypto, and the node's state records as
// files in its state folder, each replaced atomically (written beside, flushed, then renamed over).
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { LIMITS } from '../../firmware/net/envelope';
import type { HmacSha256 } from '../../firmware/net/hmac';
import type { Transport } from '../../firmware/net/node';
import type { NodeStateStore } from '../../firmware/net/state-store';
import { statusTopic, topicFor } from '../../firmware/net/topics';
import { makeDirs } from '../../sim/make-dirs';

/** A challenge's nonce: 16 bytes from the operating system's CSPRNG, as hex. */
export const nodeNonce = (): string => randomBytes(16).toString('hex');

export const nodeHmac: HmacSha256 = (keyHex, message) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(message, 'utf8').digest('hex');

/** A node's records as files `<dir>/<name>`: a record is replaced whole or not at all, so a crash mid-write
 * leaves the old one; `durable` also flushes it to the disk before the rename (survives power loss). A missing
 * file is a record never written; any other read error is reported as unreadable. */
export function fileStateStore(dir: string, o: { durable?: boolean } = { durable: true }): NodeStateStore {
  return {
    where: dir,
    get(name) {
      try { return readFileSync(join(dir, name), 'utf8'); } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : `(unreadable: ${(e as Error).message})`;
      }
    },
    put(name, value) {
      makeDirs(dir);
      const file = join(dir, name), temp = `${file}.${process.pid}.tmp`;
      const fd = openSync(temp, 'w', 0o600);
      try { writeSync(fd, value); if (o.durable) fsyncSync(fd); } finally { closeSync(fd); }
      renameSync(temp, file);
    },
  };
}

/** An MQTT payload as text, or why not: bounded in bytes before it is decoded, and strictly UTF-8. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
export function payloadText(payload: Uint8Array): { text: string } | { error: string } {
  if (payload.length > LIMITS.text * 3) return { error: `payload of ${payload.length} bytes` };
  try { return { text: strictUtf8.decode(payload) }; } catch { return { error: 'payload not UTF-8' }; }
}


export interface MqttTransport extends Transport {
  /** Payloads dropped before the envelope was looked at (too large, not UTF-8). */
  readonly badPayloads: number;
  /** Resolves once connected and subscribed. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function createMqttTransport(o: { url: string; node: string; onError?(e: Error): void; onStatus?(s: string): void; onBadPayload?(detail: string): void }): MqttTransport {
  const client = mqtt.connect(o.url, {
    clientId: `launchbay-${o.node}-${process.pid}`,
    reconnectPeriod: 500,
    connectTimeout: 3000,
    will: { topic: statusTopic(o.node), payload: Buffer.from('offline'), qos: 1, retain: true },
  });
  let handler: (text: string) => void = () => {};
  let badPayloads = 0;
  client.on('message', (topic, payload) => {
    const p = payloadText(payload);
    if ('text' in p) { try { handler(p.text); } catch (e) { o.onError?.(e as Error); } return; }
    badPayloads++;
    o.onBadPayload?.(`${p.error} on ${topic.slice(0, 80)}`);
  });
  client.on('error', (e) => o.onError?.(e));
  client.on('offline', () => o.onStatus?.('offline'));
  const ready = new Promise<void>((resolve) => {
    client.on('connect', () => {
      o.onStatus?.('connected');
      client.subscribe([topicFor(o.node), topicFor('*')], { qos: 1 }, () => resolve());
      client.publish(statusTopic(o.node), 'online', { qos: 1, retain: true });
    });
  });
  return {
    ready,
    get badPayloads() { return badPayloads; },
    send: (to, text) => { client.publish(topicFor(to), text, { qos: 1 }); },
    onMessage: (h) => { handler = h; },
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
}
