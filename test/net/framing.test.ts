// Framed serial: COBS with CRC-16 survives noise on the wire and resynchronizes on the next delimiter.
import { describe, expect, it } from 'vitest';
import { cobsDecode, cobsEncode, crc16, Deframer, frame } from '../../firmware/net/framing';
import { decodeUtf8, fromUtf8, utf8 } from '../../firmware/net/sha256';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('framed serial', () => {
  it('computes CRC-16/CCITT-FALSE with its published check value', () => {
    expect(crc16(utf8('123456789'))).toBe(0x29b1);
  });

  it('COBS-encodes with no zero inside the frame, and decodes back', () => {
    for (const data of [bytes(), bytes(0), bytes(0, 0), bytes(1, 2, 0, 3), new Uint8Array(600).map((_, i) => i % 256)]) {
      const encoded = cobsEncode(data);
      expect(encoded.indexOf(0)).toBe(encoded.length - 1);
      expect(Array.from(cobsDecode(encoded.subarray(0, encoded.length - 1))!)).toEqual(Array.from(data));
    }
  });

  it('delivers frames split across reads, drops a corrupted one, and carries on', () => {
    const got: string[] = [];
    const d = new Deframer((p) => { got.push(fromUtf8(p)); });
    const a = frame(utf8('{"first":"é€😀"}')), b = frame(utf8('second')), c = frame(utf8('third'));
    const corrupted = b.slice(); corrupted[3] ^= 0x40;
    const wire = new Uint8Array([...a, ...corrupted, 0x13, 0x37, ...c]);
    for (let i = 0; i < wire.length; i += 5) d.push(wire.subarray(i, i + 5));
    expect(got).toEqual(['{"first":"é€😀"}', 'third']);
    expect(d.bad).toBe(2);
  });
});

describe('the serial transport', () => {
  // Two UARTs on one RS-485 pair: what one writes, the other reads, in chunks, with noise on demand.
  function wire() {
    const ends: { onReadable?: (this: { read(): ArrayBuffer | undefined }, n: number) => void; inbox: Uint8Array[] }[] = [];
    const device = (me: number) => ({
      io: {
        Serial: class {
          constructor(o: { onReadable?: (n: number) => void }) { ends[me] = { onReadable: o.onReadable as never, inbox: [] }; }
          write(data: Uint8Array) { wireSend(1 - me, data); }
          read() { return ends[me].inbox.shift()?.slice().buffer; }
          close() {}
        },
      },
    }) as never;
    const wireSend = (to: number, data: Uint8Array) => {
      for (let i = 0; i < data.length; i += 7) {
        ends[to].inbox.push(data.subarray(i, i + 7));
        ends[to].onReadable!.call({ read: () => ends[to].inbox.shift()?.slice().buffer }, 7);
      }
    };
    return { a: device(0), b: device(1), noise: (to: number) => wireSend(to, bytes(0x55, 0x00, 0x13)) };
  }

  it('carries envelopes both ways and counts noise as bad frames without losing the next message', async () => {
    const { createSerialTransport } = await import('../../firmware/net/serial-transport');
    const w = wire(), pins = { receive: 1, transmit: 2, baud: 115200, port: 1 };
    const a = createSerialTransport(w.a, pins), b = createSerialTransport(w.b, pins);
    const atB: string[] = [];
    b.onMessage((t) => atB.push(t));
    a.send('*', '{"kind":"report","é":"€"}');
    w.noise(1);
    a.send('bay', '{"kind":"command"}');
    expect(atB).toEqual(['{"kind":"report","é":"€"}', '{"kind":"command"}']);
    expect(b.badFrames).toBeGreaterThan(0);
  });

  it('drops a frame before handing it on: one the receiver refuses or throws on is counted once, never re-delivered', () => {
    const got: string[] = [];
    const d = new Deframer((p) => {
      const text = decodeUtf8(p);
      if (text === undefined) return false;
      if (text === 'throw') throw new Error('receiver failed');
      got.push(text);
      return true;
    });
    for (const payload of [new Uint8Array([0xff, 0xbf, 0xbf, 0xbf]), utf8('throw'), utf8('one'), utf8('two'), utf8('three')]) d.push(frame(payload));
    expect(got).toEqual(['one', 'two', 'three']);
    expect(d.bad).toBe(2);
  });
});

describe('strict UTF-8', () => {
  it('decodes well-formed text and refuses what is not', () => {
    expect(decodeUtf8(utf8('bay door é € 😀'))).toBe('bay door é € 😀');
    // A long text, astral characters among the rest.
    const long = `${'a'.repeat(1023)}😀${'é'.repeat(3000)}😀${'z'.repeat(5000)}`;
    expect(decodeUtf8(utf8(long))).toBe(long);
    for (const bad of [[0xff], [0xbf], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]]) {
      expect(decodeUtf8(new Uint8Array(bad)), bad.join(' ')).toBeUndefined();
    }
  });
});
