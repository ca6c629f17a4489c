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

/** What to supply when an image or a bootrom is missing, in one paragraph. */
export const SUPPLY = {
  image: 'supply the firmware image: --image <file>, a .uf2, .elf or .hex that `mcconfig -m -p pico -t build` made '
    + '(e.g. build/pico/bin/pico/release/launch-bay/xs_pico.uf2; see docs/FLASHING.md, "The image in an emulated Pico")',
  bootrom: 'supply the RP2040 bootrom: --bootrom <file>, the chip\'s 16384-byte mask ROM as raw binary (B1 or B2). '
    + 'rp2040js ships none and this repository cannot; build it from raspberrypi/pico-bootrom-rp2040 or dump it from a Pico (docs/FLASHING.md)',
};
