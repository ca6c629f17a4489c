// ASCII by hand for the simulated serial devices (XS may lack TextEncoder): fixed replies, and readings into a reused buffer.

/** The bytes of a constant ASCII string; made once, never per message. */
export function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0x7f;
  return bytes;
}

const SPACE = 0x20, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30, CR = 0x0d, LF = 0x0a, HASH = 0x23;

/**
 * Writes `<tag> <value>\r\n` with one decimal (`P 101.3`, `T -12.4`) into `out` from 0; returns the length.
 * NaN writes `<tag> ####.#\r\n`, the garbage of a sensor out of range. `out` needs 24 bytes. Allocates nothing.
 */
export function formatReading(out: Uint8Array, tag: number, value: number): number {
  let n = 0;
  out[n++] = tag;
  out[n++] = SPACE;
  if (value !== value) {
    for (let i = 0; i < 4; i++) out[n++] = HASH;
    out[n++] = DOT;
    out[n++] = HASH;
  } else {
    let tenths = Math.round(value * 10);
    if (tenths < 0) { out[n++] = MINUS; tenths = -tenths; }
    if (tenths > 9_999_999_999) tenths = 9_999_999_999; // ten integer digits at most: a sensor's display width
    const whole = Math.floor(tenths / 10);
    // Digits of the whole part, most significant first.
    let divisor = 1;
    while (divisor * 10 <= whole) divisor *= 10;
    for (; divisor >= 1; divisor = divisor / 10) out[n++] = ZERO + (Math.floor(whole / divisor) % 10);
    out[n++] = DOT;
    out[n++] = ZERO + (tenths % 10);
  }
  out[n++] = CR;
  out[n++] = LF;
  return n;
}
