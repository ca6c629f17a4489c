// Framed serial for wired RS-485 buses: each envelope is a frame of COBS-encoded bytes (payload, then CRC-16/CCITT-FALSE,
// big-endian) ended by a zero byte. COBS makes zero the only delimiter, so a receiver resynchronizes after noise.

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF): the check value of "123456789" is 0x29B1. */
export function crc16(bytes: Uint8Array, length = bytes.length): number {
  let crc = 0xffff;
  for (let i = 0; i < length; i++) {
    crc ^= bytes[i] << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** COBS-encodes `data` and appends the zero delimiter. */
export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / 254) + 2);
  let code = 1, codeAt = 0, o = 1;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) { out[codeAt] = code; code = 1; codeAt = o++; continue; }
    out[o++] = data[i];
    if (++code === 0xff) { out[codeAt] = code; code = 1; codeAt = o++; }
  }
  out[codeAt] = code;
  out[o++] = 0;
  return out.subarray(0, o);
}

/** Decodes one COBS frame (without its delimiter); undefined if it is malformed. */
export function cobsDecode(frame: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(frame.length);
  let i = 0, o = 0;
  while (i < frame.length) {
    const code = frame[i++];
    if (code === 0 || i + code - 1 > frame.length) return undefined;
    for (let k = 1; k < code; k++) out[o++] = frame[i++];
    if (code < 0xff && i < frame.length) out[o++] = 0;
  }
  return out.subarray(0, o);
}

/** Payload + CRC, COBS-framed, with a delimiter before as well as after: noise on an idle line then ends up
 * in a frame of its own (rejected) instead of spoiling the next one. */
export function frame(payload: Uint8Array): Uint8Array {
  const withCrc = new Uint8Array(payload.length + 2);
  withCrc.set(payload);
  const crc = crc16(payload);
  withCrc[payload.length] = crc >> 8; withCrc[payload.length + 1] = crc & 0xff;
  const encoded = cobsEncode(withCrc), out = new Uint8Array(encoded.length + 1);
  out.set(encoded, 1);
  return out;
}

/** Collects bytes into frames; hands each good payload on, counts the bad ones (CRC, COBS, overlong, and those the
 * receiver refuses by returning false or throwing). A frame is dropped from the buffer before it is handed on, so
 * whatever the receiver does with it, it is never delivered twice. */
export class Deframer {
  private readonly buffer: Uint8Array;
  private length = 0;
  private overflow = false;
  bad = 0;

  constructor(private readonly onFrame: (payload: Uint8Array) => boolean | void, maxFrame = 4096) { this.buffer = new Uint8Array(maxFrame); }

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b !== 0) {
        if (this.length < this.buffer.length) this.buffer[this.length++] = b; else this.overflow = true;
        continue;
      }
      const length = this.length, overflow = this.overflow;
      this.length = 0; this.overflow = false;
      if (length > 0) this.finish(length, overflow);
    }
  }

  private finish(length: number, overflow: boolean): void {
    const decoded = overflow ? undefined : cobsDecode(this.buffer.subarray(0, length));
    if (!decoded || decoded.length < 2) { this.bad++; return; }
    const n = decoded.length - 2;
    if (crc16(decoded, n) !== ((decoded[n] << 8) | decoded[n + 1])) { this.bad++; return; }
    let taken: boolean | void = false;
    try { taken = this.onFrame(decoded.slice(0, n)); } catch { taken = false; }
    if (taken === false) this.bad++;
  }
}
