// The bus's names and hex fields, checked character by character. No RegExp: a RegExp made when a module is
// preloaded (a module-level literal) lives in flash with no match buffer, and XS 8.2.3 matches it with a temporary
// buffer the garbage collector corrupts when it runs mid-match (mcsim crashed with a segmentation fault on the
// first messages a node parsed; docs/BENCHMARKS.md, "What keeps the heap small: preloading"). These loops also
// allocate nothing.

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isLetter = (c: number) => isLower(c) || (c >= 0x41 && c <= 0x5a);

/** A node's name (`npm run keys`): 1 to `max` lowercase letters, digits and dashes. */
export function isNodeName(s: string, max = 64): boolean {
  if (s.length < 1 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLower(c) && !isDigit(c) && c !== 0x2d) return false;
  }
  return true;
}

/** A machine, state, event or fact: a letter or digit, then up to 63 letters, digits, spaces, dots and dashes. */
export function isName(s: string): boolean {
  if (s.length < 1 || s.length > 64) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && (i === 0 || (c !== 0x20 && c !== 0x2e && c !== 0x2d))) return false;
  }
  return true;
}

/** Exactly `length` lowercase hex digits (a MAC, a key, a nonce). */
export function isHex(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && (c < 0x61 || c > 0x66)) return false;
  }
  return true;
}
