// Message authentication: HMAC-SHA256 is injected (node:crypto on the host, Moddable's crypt on the device);
// the comparison is ours, in constant time, so a forger learns nothing from how long a rejection takes.

/** HMAC-SHA256 of `message` under `key` (hex), as lowercase hex. */
export type HmacSha256 = (keyHex: string, message: string) => string;

/** Compares two MACs without stopping at the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}
