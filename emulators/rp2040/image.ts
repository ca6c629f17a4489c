// Reads a Raspberry Pi Pico image (UF2, ELF or Intel HEX) into the memory regions it targets, checked and named.

/** One stretch of bytes to place at an address of the RP2040's bus. */
interface Segment { address: number; bytes: Uint8Array }

export interface PicoImage {
  /** The file it came from, for messages. */
  file: string;
  format: 'uf2' | 'elf' | 'hex';
  segments: Segment[];
  /** The ELF's or HEX's entry point, when it names one (an SRAM program starts there without a bootrom). */
  entry?: number;
}

export class ImageError extends Error {
  constructor(readonly file: string, detail: string) { super(`${file}: ${detail}`); this.name = 'ImageError'; }
}

const UF2_MAGIC_START0 = 0x0a324655, UF2_MAGIC_START1 = 0x9e5d5157, UF2_MAGIC_END = 0x0ab16f30;
const UF2_NOT_MAIN_FLASH = 0x1;
const ELF_MAGIC = 0x464c457f, PT_LOAD = 1;

/** Parses an image; the format comes from the content (UF2 and ELF magic numbers), else the `.hex` name. */
export function parseImage(file: string, data: Uint8Array): PicoImage {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length >= 512 && view.getUint32(0, true) === UF2_MAGIC_START0) return parseUf2(file, view);
  if (data.length >= 52 && view.getUint32(0, true) === ELF_MAGIC) return parseElf(file, view);
  if (data.length > 0 && data[0] === 0x3a /* : */) return parseHex(file, new TextDecoder().decode(data));
  throw new ImageError(file, 'not a UF2, ELF or Intel HEX image (the first bytes match none of them)');
}

function parseUf2(file: string, view: DataView): PicoImage {
  if (view.byteLength % 512 !== 0) throw new ImageError(file, `UF2 size ${view.byteLength} is not a multiple of 512-byte blocks`);
  const segments: Segment[] = [];
  for (let at = 0; at < view.byteLength; at += 512) {
    const block = at / 512;
    if (view.getUint32(at, true) !== UF2_MAGIC_START0 || view.getUint32(at + 4, true) !== UF2_MAGIC_START1 || view.getUint32(at + 508, true) !== UF2_MAGIC_END) {
      throw new ImageError(file, `UF2 block ${block} (byte ${at}) has bad magic numbers`);
    }
    if (view.getUint32(at + 8, true) & UF2_NOT_MAIN_FLASH) continue;
    const address = view.getUint32(at + 12, true), size = view.getUint32(at + 16, true);
    if (size > 476) throw new ImageError(file, `UF2 block ${block} carries ${size} bytes; a block holds at most 476`);
    segments.push({ address, bytes: new Uint8Array(view.buffer, view.byteOffset + at + 32, size).slice() });
  }
  return { file, format: 'uf2', segments };
}

function parseElf(file: string, view: DataView): PicoImage {
  if (view.getUint8(4) !== 1 || view.getUint8(5) !== 1) throw new ImageError(file, 'ELF is not 32-bit little-endian: not an RP2040 image');
  if (view.getUint16(18, true) !== 40) throw new ImageError(file, `ELF machine ${view.getUint16(18, true)} is not ARM (40)`);
  const entry = view.getUint32(24, true), phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true), phnum = view.getUint16(44, true);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const h = phoff + i * phentsize;
    if (h + 32 > view.byteLength) throw new ImageError(file, `ELF program header ${i} lies past the end of the file`);
    if (view.getUint32(h, true) !== PT_LOAD) continue;
    const offset = view.getUint32(h + 4, true), paddr = view.getUint32(h + 12, true), filesz = view.getUint32(h + 16, true);
    if (filesz === 0) continue;
    if (offset + filesz > view.byteLength) throw new ImageError(file, `ELF segment ${i} lies past the end of the file`);
    // The load address (paddr): initialised data is stored in flash and copied to SRAM by the start-up code.
    segments.push({ address: paddr, bytes: new Uint8Array(view.buffer, view.byteOffset + offset, filesz).slice() });
  }
  return { file, format: 'elf', segments, entry: entry & ~1 };
}

function parseHex(file: string, text: string): PicoImage {
  const segments: Segment[] = [];
  let base = 0, entry: number | undefined, ended = false;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length && !ended; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    const where = `line ${n + 1}`;
    if (!/^:([0-9A-Fa-f]{2})+$/.test(line)) throw new ImageError(file, `${where}: not an Intel HEX record`);
    const bytes = Uint8Array.from(line.slice(1).match(/../g)!.map((h) => parseInt(h, 16)));
    const count = bytes[0];
    if (bytes.length !== count + 5) throw new ImageError(file, `${where}: record length ${count} does not match its ${bytes.length - 5} data bytes`);
    if (bytes.reduce((s, b) => (s + b) & 0xff, 0) !== 0) throw new ImageError(file, `${where}: checksum does not match`);
    const offset = (bytes[1] << 8) | bytes[2], type = bytes[3], data = bytes.subarray(4, 4 + count);
    if (type === 0) segments.push({ address: (base + offset) >>> 0, bytes: data.slice() });
    else if (type === 1) ended = true;
    else if (type === 2) base = ((data[0] << 8) | data[1]) * 16;
    else if (type === 4) base = (((data[0] << 8) | data[1]) << 16) >>> 0;
    else if (type === 5) entry = (((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0) & ~1;
    else if (type !== 3) throw new ImageError(file, `${where}: unknown record type ${type}`);
  }
  return { file, format: 'hex', segments, entry };
}

/** The RP2040's writable memories as the loader sees them: flash (XIP) and SRAM. */
export interface PicoMemory { flash: Uint8Array; sram: Uint8Array }

export const FLASH_BASE = 0x10000000, SRAM_BASE = 0x20000000;

/** Copies every segment into flash or SRAM; a segment elsewhere, or past the end, is an error naming its address. */
export function placeImage(image: PicoImage, memory: PicoMemory): { flashBytes: number; sramBytes: number } {
  let flashBytes = 0, sramBytes = 0;
  for (const s of image.segments) {
    const end = s.address + s.bytes.length;
    if (s.address >= FLASH_BASE && end <= FLASH_BASE + memory.flash.length) {
      memory.flash.set(s.bytes, s.address - FLASH_BASE);
      flashBytes += s.bytes.length;
    } else if (s.address >= SRAM_BASE && end <= SRAM_BASE + memory.sram.length) {
      memory.sram.set(s.bytes, s.address - SRAM_BASE);
      sramBytes += s.bytes.length;
    } else {
      throw new ImageError(image.file, `${s.bytes.length} bytes at 0x${s.address.toString(16)} fall outside the Pico's flash (2 MB at 0x10000000) and SRAM (264 KB at 0x20000000)`);
    }
  }
  return { flashBytes, sramBytes };
}
