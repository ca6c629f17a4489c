// The Intel HEX reader the emulated boards load StandardFirmata with: records, addresses, and bad files named by line.
import { describe, expect, it } from 'vitest';
import { loadIntelHex } from '../../emulators/avr/hex';

describe('loadIntelHex', () => {
  it('places data records at their addresses, as little-endian words, and leaves the rest erased', () => {
    const words = loadIntelHex(':0400020001020304F0\n:00000001FF\n', 8);
    expect([...words]).toEqual([0xffff, 0x0201, 0x0403, 0xffff]);
  });

  it('follows an extended segment address record past 64 KB', () => {
    const words = loadIntelHex(':020000021000EC\n:02000000ABCD86\n:00000001FF\n', 0x10004);
    expect(words[0x10000 / 2]).toBe(0xcdab);
  });

  it('names the file and line of a bad checksum, a short record, or a line that is not a record', () => {
    expect(() => loadIntelHex(':0400020001020304F1\n', 8, 'x.hex')).toThrow('x.hex, line 1: bad checksum');
    expect(() => loadIntelHex('\n:0400020001F9\n', 8, 'x.hex')).toThrow('x.hex, line 2: says 4 data bytes but carries 1');
    expect(() => loadIntelHex('hello\n', 8, 'x.hex')).toThrow('x.hex, line 1: not an Intel HEX record');
  });

  it('refuses data past the end of the flash', () => {
    expect(() => loadIntelHex(':0400060001020304EC\n', 8, 'x.hex')).toThrow('x.hex, line 1: writes past the 8-byte flash');
  });
});
