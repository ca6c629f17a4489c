// Moddable's HMAC over a `crypt` digest (modules/crypt/etc/hmac.js, which the SDK ships without typings):
// `process(data)` returns the MAC. Node builds map `hmac` here for mcconfig's compiler; tsconfig.device.json too.
import type { Digest } from 'crypt';

export default class HMAC {
  constructor(digest: Digest, key: ArrayBuffer);
  process(...data: ArrayBuffer[]): ArrayBuffer;
}
