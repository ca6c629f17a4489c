// Images as mcconfig and the assembler leave them: UF2 blocks, ELF load segments, Intel HEX records, each checked.
import { describe, expect, it } from 'vitest';
import { ImageError, parseImage, placeImage } from '../../emulators/rp2040/image';

function uf2Block(address: number, payload: number[], flags = 0x2000): Uint8Array {
  const b = new Uint8Array(512), v = new DataView(b.buffer);
  v.setUint32(0, 0x0a324655, true); v.setUint32(4, 0x9e5d5157, true); v.setUint32(8, flags, true);
  v.setUint32(12, address, true); v.setUint32(16, payload.length, true); v.setUint32(508, 0x0ab16f30, true);
  b.set(payload, 32);
  return b;
}

function elf(entry: number, segments: { paddr: number; bytes: number[] }[]): Uint8Array {
  const headerSize = 52, phSize = 32, dataAt = headerSize + phSize * segments.length;
  const total = dataAt + segments.reduce((n, s) => n + s.bytes.length, 0);
  const b = new Uint8Array(total), v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  v.setUint16(18, 40, true); v.setUint32(24, entry, true); v.setUint32(28, headerSize, true);
  v.setUint16(42, phSize, true); v.setUint16(44, segments.length, true);
  let at = dataAt;
  segments.forEach((s, i) => {
    const h = headerSize + i * phSize;
    v.setUint32(h, 1, true); v.setUint32(h + 4, at, true); v.setUint32(h + 8, s.paddr, true); v.setUint32(h + 12, s.paddr, true);
    v.setUint32(h + 16, s.bytes.length, true); v.setUint32(h + 20, s.bytes.length, true);
    b.set(s.bytes, at); at += s.bytes.length;
  });
  return b;
}

const memory = () => ({ flash: new Uint8Array(2 * 1024 * 1024), sram: new Uint8Array(264 * 1024) });
const text = (s: string) => new TextEncoder().encode(s);

describe('image files', () => {
  it('places UF2 blocks in flash and skips blocks marked as not for main flash', () => {
    const file = new Uint8Array(1024);
    file.set(uf2Block(0x10000100, [1, 2, 3]), 0);
    file.set(uf2Block(0x10000200, [9], 0x1), 512);
    const image = parseImage('a.uf2', file), m = memory();
    expect(image.format).toBe('uf2');
    expect(placeImage(image, m)).toEqual({ flashBytes: 3, sramBytes: 0 });
    expect([...m.flash.subarray(0x100, 0x103)]).toEqual([1, 2, 3]);
    expect(m.flash[0x200]).toBe(0);
  });

  it('places ELF load segments at their load addresses and keeps the entry point', () => {
    const image = parseImage('a.elf', elf(0x20000001, [{ paddr: 0x20000000, bytes: [0xaa, 0xbb] }, { paddr: 0x10000000, bytes: [7] }])), m = memory();
    expect(image.entry).toBe(0x20000000);
    expect(placeImage(image, m)).toEqual({ flashBytes: 1, sramBytes: 2 });
    expect([...m.sram.subarray(0, 2)]).toEqual([0xaa, 0xbb]);
  });

  it('reads Intel HEX with extended linear addresses', () => {
    const hex = ':020000041000EA\n:0400100001020304E2\n:00000001FF\n';
    const image = parseImage('a.hex', text(hex)), m = memory();
    placeImage(image, m);
    expect([...m.flash.subarray(0x10, 0x14)]).toEqual([1, 2, 3, 4]);
  });

  it('names the file and the line of a HEX record whose checksum is wrong', () => {
    expect(() => parseImage('bad.hex', text(':020000041000EA\n:0400100001020304E3\n'))).toThrow(/bad\.hex: line 2: checksum does not match/);
  });

  it('refuses a file that is none of the three formats', () => {
    expect(() => parseImage('x.bin', text('hello'))).toThrow(ImageError);
    expect(() => parseImage('x.bin', text('hello'))).toThrow(/x\.bin: not a UF2, ELF or Intel HEX image/);
  });

  it('refuses a UF2 block with broken magic, naming the block', () => {
    const file = uf2Block(0x10000000, [1]);
    file[508] = 0;
    expect(() => parseImage('a.uf2', file)).toThrow(/a\.uf2: UF2 block 0 \(byte 0\) has bad magic numbers/);
  });

  it('refuses an ELF for another machine', () => {
    const file = elf(0, []);
    new DataView(file.buffer).setUint16(18, 62, true);
    expect(() => parseImage('x86.elf', file)).toThrow(/machine 62 is not ARM/);
  });

  it('refuses a segment outside flash and SRAM, naming its address', () => {
    const image = parseImage('a.elf', elf(0, [{ paddr: 0x30000000, bytes: [1] }]));
    expect(() => placeImage(image, memory())).toThrow(/1 bytes at 0x30000000 fall outside/);
  });
});
