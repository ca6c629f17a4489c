// HMAC-SHA256 on the device, with Moddable's native crypto: `crypt`'s SHA256 digest under the `hmac` module's
// HMAC, used through process() only (its sign/verify are broken); the comparison is our own constant-time one.
import { Digest } from 'crypt';
import HMAC from 'hmac';
import type { HmacSha256 } from '../hmac';
import { utf8 } from '../sha256';

export const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((h) => parseInt(h, 16))).buffer;

// A node holds one key per peer: each is turned into bytes once, not on every MAC.
const keyBytes = new Map<string, ArrayBuffer>();

export const moddableHmac: HmacSha256 = (keyHex, message) => {
  let key = keyBytes.get(keyHex);
  if (!key) { key = fromHex(keyHex); if (keyBytes.size < 64) keyBytes.set(keyHex, key); }
  return hex(new HMAC(new Digest('SHA256'), key).process(utf8(message).buffer as ArrayBuffer));
};
