// ASCII by hand, since XS builds may lack TextEncoder and TextDecoder: fixed command bytes and reading-line parsing.

/** The bytes of an ASCII string; for constants made once, never on a hot path. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new Error(`asciiBytes: ${JSON.stringify(text)} is not ASCII`);
    bytes[i] = c;
  }
  return bytes;
}

const SPACE = 0x20, TAB = 0x09, PLUS = 0x2b, MINUS = 0x2d, DOT = 0x2e, ZERO = 0x30, NINE = 0x39;
const isSpace = (c: number) => c === SPACE || c === TAB;
const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Parses a sensor line such as `P 101.3`: one letter (the tag), optional blanks, a decimal number
 * (sign, fraction and exponent allowed), optional trailing blanks. Returns NaN for anything else.
 * Works on the bytes in place, so parsing a line allocates nothing.
 */
export function parseReading(line: Uint8Array, length: number): number {
  // A second letter is no number, so a two-letter tag fails in parseDecimal.
  if (length < 2 || !isLetter(line[0])) return NaN;
  let i = 1;
  while (i < length && isSpace(line[i])) i++;
  let end = length;
  while (end > i && isSpace(line[end - 1])) end--;
  return parseDecimal(line, i, end);
}

/** A decimal number filling exactly `line[start, end)`, or NaN. */
function parseDecimal(line: Uint8Array, start: number, end: number): number {
  let i = start, negative = false;
  if (i < end && (line[i] === PLUS || line[i] === MINUS)) negative = line[i++] === MINUS;
  let mantissa = 0, digits = 0, scale = 0;
  for (; i < end && isDigit(line[i]); i++, digits++) mantissa = mantissa * 10 + (line[i] - ZERO);
  if (i < end && line[i] === DOT) {
    for (i++; i < end && isDigit(line[i]); i++, digits++, scale--) mantissa = mantissa * 10 + (line[i] - ZERO);
  }
  if (digits === 0) return NaN;
  if (i < end && (line[i] | 0x20) === 0x65) { // e or E
    i++;
    let expNegative = false, exponent = 0, expDigits = 0;
    if (i < end && (line[i] === PLUS || line[i] === MINUS)) expNegative = line[i++] === MINUS;
    for (; i < end && isDigit(line[i]); i++, expDigits++) exponent = exponent * 10 + (line[i] - ZERO);
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exponent : exponent;
  }
  if (i !== end) return NaN;
  // Dividing by an exact power of ten rounds once, so `101.3` parses to the same double as parseFloat gives.
  const value = scale >= 0 ? mantissa * 10 ** scale : mantissa / 10 ** -scale;
  if (!Number.isFinite(value)) return NaN;
  return negative ? -value : value;
}
