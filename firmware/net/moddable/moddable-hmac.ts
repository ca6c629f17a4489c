// HMAC-SHA256 on the device (RFC 2104), with Moddable's native SHA256 digest (`crypt`) and nothing in between: one
// digest, reset for each MAC, and each peer key's inner and outer pads made once. The SDK's `hmac` module was
// used before; its process() made an HMAC object, two pads and a closure per MAC and nested four calls deep, on the
// path of a transition's report (hook → publish → seal → MAC), where a node's boot stack peaks. The message is
// written as it is: the digest hashes a string's UTF-8 (XS's own encoding; JSON text holds no NUL). The comparison
// is our own constant-time one (../hmac.ts).
import { Digest } from 'crypt';
import type { HmacSha256 } from '../hmac';

const DIGITS = '0123456789abcdef';
export function hex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += DIGITS[bytes[i]! >> 4]! + DIGITS[bytes[i]! & 15]!;
  return s;
}

/** SHA-256's block: a key is at most this long (ours are 32 bytes), padded to it. */
const BLOCK = 64;

/** The inner and outer pads of a key given in hex (the key XORed with 0x36 and 0x5c, zero-padded to a block). */
function padsOf(keyHex: string): [ArrayBuffer, ArrayBuffer] {
  const inner = new Uint8Array(BLOCK).fill(0x36), outer = new Uint8Array(BLOCK).fill(0x5c);
  const n = Math.min(keyHex.length >> 1, BLOCK);
  for (let i = 0; i < n; i++) {
    const b = parseInt(keyHex.slice(2 * i, 2 * i + 2), 16);
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  return [inner.buffer, outer.buffer];
}

// A node holds one key per peer: each key's pads are made once, not on every MAC.
const pads = new Map<string, [ArrayBuffer, ArrayBuffer]>();
let digest: Digest | undefined;

export const moddableHmac: HmacSha256 = (keyHex, message) => {
  let pad = pads.get(keyHex);
  if (!pad) { pad = padsOf(keyHex); if (pads.size < 64) pads.set(keyHex, pad); }
  const d = digest ?? (digest = new Digest('SHA256'));
  d.reset();
  d.write(pad[0]);
  d.write(message);
  const inner = d.close();
  d.reset();
  d.write(pad[1]);
  d.write(inner);
  return hex(d.close());
};
