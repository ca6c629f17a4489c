// Reads an Intel HEX file (what avrdude flashes) into an AVR's program memory, as 16-bit words.

/** The program memory `hex` fills: `flashBytes` long, erased (0xFF) where the file writes nothing. */
export function loadIntelHex(hex: string, flashBytes: number, file = 'the hex file'): Uint16Array {
  const bytes = new Uint8Array(flashBytes).fill(0xff);
  let base = 0;
  const lines = hex.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const where = `${file}, line ${n + 1}`;
    if (!/^:([0-9a-fA-F]{2})+$/.test(line)) throw new Error(`${where}: not an Intel HEX record`);
    const rec = Uint8Array.from(line.slice(1).match(/../g)!.map((h) => parseInt(h, 16)));
    const count = rec[0]!, address = (rec[1]! << 8) | rec[2]!, type = rec[3]!;
    if (rec.length !== count + 5) throw new Error(`${where}: says ${count} data bytes but carries ${rec.length - 5}`);
    if (rec.reduce((sum, b) => (sum + b) & 0xff, 0) !== 0) throw new Error(`${where}: bad checksum`);
    const data = rec.subarray(4, 4 + count);
    if (type === 0) {
      if (base + address + count > flashBytes) throw new Error(`${where}: writes past the ${flashBytes}-byte flash`);
      bytes.set(data, base + address);
    } else if (type === 1) break;
    else if (type === 2) base = ((data[0]! << 8) | data[1]!) << 4;
    else if (type === 4) base = ((data[0]! << 8) | data[1]!) << 16;
    // Types 3 and 5 give a start address, which an AVR does not use: it starts at 0.
  }
  return new Uint16Array(bytes.buffer);
}
