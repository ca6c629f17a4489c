// Properties over every receive path (Link.open, the deframer, the serial and MQTT transports): 100,000 arbitrary
// and mutated-valid inputs in all. Nothing throws, nothing unsigned is accepted, and a genuine message after the
// garbage is still accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, type Envelope } from '../../firmware/net/envelope';
import { Deframer, frame } from '../../firmware/net/framing';
import { createSerialTransport } from '../../firmware/net/serial-transport';
import { utf8 } from '../../firmware/net/sha256';
import { payloadText } from '../../scripts/lib/node-net';
import type { Device, SerialOptions } from '../../hal/types';
import { introduce, prove, testLink } from './fixtures';

/** The bay's link, introduced to the bridge; every genuine message the bridge seals is remembered by its text. */
function pair() {
  const bay = testLink('bay'), bridge = testLink('bridge');
  prove(bay, bridge, testLink('airlock-b'));
  introduce(bay.link, bridge.link);
  const signed = new Set<string>();
  const genuine = (body: Envelope['body'] = { machine: 'bay door', event: 'close requested' }, to = 'bay', kind: Envelope['kind'] = 'command') => {
    const text = bridge.link.seal(to, kind, body);
    const e = JSON.parse(text) as Envelope;
    signed.add(canonical(e));
    return text;
  };
  /** Opens text; anything accepted must be a message the bridge signed, accepted at most once. */
  const open = (text: unknown) => {
    const before = bay.link.accepted;
    const e = bay.link.open(text);
    if (e) {
      expect(signed.delete(canonical(e)), 'accepted something the bridge never signed (or twice)').toBe(true);
      expect(bay.link.accepted).toBe(before + 1);
    }
    return e;
  };
  return { bay, bridge, genuine, open };
}

const names = fc.constantFrom('__proto__', 'constructor', 'toString', 'bridge', 'bay', 'airlock-b', '*', 'mallory', '');
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), tie('object'), fc.constant(Number.NaN), fc.integer(), names),
  object: fc.dictionary(fc.oneof(names, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
})).value;
/** Edits to a genuine message's text or its parsed fields. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('char' as const), at: fc.nat(), c: fc.string({ minLength: 1, maxLength: 2, unit: 'binary' }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), n: fc.nat({ max: 40 }) }),
  fc.record({ op: fc.constant('field' as const), key: fc.constantFrom('from', 'to', 'kind', 'epoch', 'seq', 't', 'body', 'macs', '__proto__', 'extra'), value: jsonish }),
  fc.record({ op: fc.constant('body' as const), key: fc.constantFrom('machine', 'event', 'recall', 'machines', 'facts', 'heard', '__proto__'), value: jsonish }),
  fc.record({ op: fc.constant('deep' as const), depth: fc.integer({ min: 5, max: 20_000 }) }),
);
function mutate(text: string, m: fc.Arbitrary<unknown> extends never ? never : { op: string; [k: string]: unknown }): string {
  switch (m.op) {
    case 'char': { const at = (m.at as number) % (text.length + 1); return text.slice(0, at) + (m.c as string) + text.slice(at + 1); }
    case 'cut': { const at = (m.at as number) % (text.length + 1); return text.slice(0, at) + text.slice(at + (m.n as number)); }
    case 'field': { const o = JSON.parse(text); Object.defineProperty(o, m.key as string, { value: m.value, enumerable: true, writable: true, configurable: true }); return JSON.stringify(o); }
    case 'body': { const o = JSON.parse(text); Object.defineProperty(o.body, m.key as string, { value: m.value, enumerable: true, writable: true, configurable: true }); return JSON.stringify(o); }
    default: { const n = m.depth as number; return text.replace('"body":', `"body":${'['.repeat(n)}`).replace(',"macs"', `${']'.repeat(n)},"macs"`); }
  }
}

const RUNS = { arbitrary: 30_000, mutated: 30_000, deframer: 15_000, serial: 15_000, mqtt: 10_000 };

describe('every receive path, fed garbage', () => {
  it(`Link.open: ${RUNS.arbitrary} arbitrary inputs, then a genuine message is accepted`, () => {
    const p = pair();
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), jsonish.map((v) => JSON.stringify(v) ?? ''), jsonish), (input) => {
      expect(() => p.open(input)).not.toThrow();
    }), { numRuns: RUNS.arbitrary, seed: 14 });
    expect(p.open(p.genuine())).toBeDefined();
  });

  it(`Link.open: ${RUNS.mutated} mutated genuine messages: only unmodified signed content is accepted, and the next genuine one still is`, () => {
    const p = pair();
    fc.assert(fc.property(mutation, fc.boolean(), (m, report) => {
      const text = report ? p.genuine({ machines: {}, facts: {}, heard: {} }, '*', 'report') : p.genuine();
      expect(() => p.open(mutate(text, m))).not.toThrow();
      expect(p.open(p.genuine())).toBeDefined();
    }), { numRuns: RUNS.mutated, seed: 14 });
  });

  it(`the deframer: ${RUNS.deframer} arbitrary and damaged byte streams never throw, and a good frame after them arrives`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (noise, at, byte) => {
      const got: string[] = [];
      const d = new Deframer((payload) => { got.push(new TextDecoder().decode(payload)); }, 512);
      const damaged = frame(utf8('hello')); damaged[at % damaged.length] = byte;
      expect(() => { d.push(noise); d.push(damaged); d.push(frame(utf8('genuine'))); }).not.toThrow();
      expect(got[got.length - 1]).toBe('genuine');
    }), { numRuns: RUNS.deframer, seed: 14 });
  });

  it(`the serial transport: ${RUNS.serial} noisy lines (bad UTF-8, valid CRC) never throw; genuine frames after them are accepted`, () => {
    const p = pair();
    let readable: (() => void) | undefined, pending: Uint8Array = new Uint8Array(0);
    const device = { io: { Serial: class {
      constructor(o: SerialOptions) { readable = () => o.onReadable!.call(this as never, pending.length); }
      read() { const b = pending; pending = new Uint8Array(0); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); }
      write() {}
      close() {}
    } } } as unknown as Device;
    const serial = createSerialTransport(device, { receive: 0, transmit: 0, baud: 115200, port: 0 });
    serial.onMessage((text) => { p.open(text); });
    const feed = (bytes: Uint8Array) => { pending = bytes; readable!(); };
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 60 }).map((b) => frame(b)),
      fc.constant(frame(new Uint8Array([0xff, 0xbf, 0xbf, 0xbf])))), (noise) => {
      const before = p.bay.link.accepted;
      expect(() => { feed(noise); feed(frame(utf8(p.genuine()))); }).not.toThrow();
      expect(p.bay.link.accepted).toBe(before + 1);
    }), { numRuns: RUNS.serial, seed: 14 });
    expect(serial.badFrames).toBeGreaterThan(0);
  });

  it(`the MQTT transport's payloads: ${RUNS.mqtt} arbitrary byte strings never throw and are never accepted`, () => {
    const p = pair();
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary' }).map((s) => utf8(s))), (payload) => {
      const before = p.bay.link.accepted;
      expect(() => { const t = payloadText(payload); if ('text' in t) p.open(t.text); }).not.toThrow();
      expect(p.bay.link.accepted).toBe(before);
    }), { numRuns: RUNS.mqtt, seed: 14 });
    expect(payloadText(new Uint8Array([0xff, 0xbf, 0xbf, 0xbf]))).toEqual({ error: 'payload not UTF-8' });
    expect(p.open(payloadText(utf8(p.genuine())) as never)).toBeUndefined();
    expect(p.open((payloadText(utf8(p.genuine())) as { text: string }).text)).toBeDefined();
  });

  it('totals at least 100,000 inputs', () => {
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100_000);
  });
});
