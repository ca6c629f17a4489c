// Reads the two things the user supplies for the emulated Pico, an image and a bootrom, with errors that say what is wrong.
import { readFileSync } from 'node:fs';
import { ImageError, parseImage, type PicoImage } from './image';

const BOOTROM_BYTES = 16384;

export function loadImageFile(path: string): PicoImage {
  let data: Buffer;
  try { data = readFileSync(path); } catch (e) { throw new ImageError(path, `cannot read the image: ${(e as Error).message}`); }
  return parseImage(path, data);
}

/** The RP2040's 16 KB mask ROM as raw bytes (B1 or B2), as 4096 little-endian words. */
export function loadBootromFile(path: string): Uint32Array {
  let data: Buffer;
  try { data = readFileSync(path); } catch (e) { throw new ImageError(path, `cannot read the bootrom: ${(e as Error).message}`); }
  if (data.length !== BOOTROM_BYTES) throw new ImageError(path, `a bootrom is the RP2040's ${BOOTROM_BYTES}-byte mask ROM as raw binary; this file has ${data.length} bytes`);
  const words = new Uint32Array(BOOTROM_BYTES / 4);
  for (let i = 0; i < words.length; i++) words[i] = data.readUInt32LE(i * 4);
  return words;
}

/**
 * The bootrom words from the TypeScript module a checkout of rp2040js carries (demo/bootrom.ts: `export const
 * bootromB1 = new Uint32Array([0x…, …])`), as the raw 16384-byte binary `--bootrom` reads (little-endian words).
 */
export function bootromFromTs(text: string, path: string): Buffer {
  const start = text.indexOf('new Uint32Array([');
  const end = start < 0 ? -1 : text.indexOf('])', start);
  if (end < 0) throw new ImageError(path, 'no `new Uint32Array([...])` in it: expected rp2040js\'s demo/bootrom.ts');
  const words = text.slice(start + 'new Uint32Array(['.length, end).split(',').map((w) => w.trim()).filter(Boolean);
  if (words.length * 4 !== BOOTROM_BYTES) throw new ImageError(path, `${words.length} words, not the ${BOOTROM_BYTES / 4} of the RP2040's mask ROM`);
  const out = Buffer.alloc(BOOTROM_BYTES);
  words.forEach((w, i) => {
    if (!/^0x[0-9a-f]{1,8}$/i.test(w)) throw new ImageError(path, `word ${i} is ${JSON.stringify(w.slice(0, 20))}, not a 32-bit hex number`);
    out.writeUInt32LE(Number(w), i * 4);
  });
  return out;
}

/** What to supply when an image or a bootrom is missing, in one paragraph. */
export const SUPPLY = {
  image: 'supply the firmware image: --image <file>, a .uf2, .elf or .hex that `mcconfig -m -p pico -t build` made '
    + '(e.g. build/pico/bin/pico/release/launch-bay/xs_pico.uf2; see docs/FLASHING.md, "The image in an emulated Pico")',
  bootrom: 'supply the RP2040 bootrom: --bootrom <file>, the chip\'s 16384-byte mask ROM as raw binary (B1 or B2). '
    + 'rp2040js\'s npm package ships none and this repository cannot; extract it from a checkout of rp2040js '
    + '(npm run emulate -- --extract-bootrom <rp2040js>/demo/bootrom.ts --out bootrom-b1.bin), build it from raspberrypi/pico-bootrom-rp2040 or dump it from a Pico (docs/FLASHING.md)',
};
