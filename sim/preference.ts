// A simulated board's Preference, as strict as the strictest Moddable Preference: the Pico's (values of at most 62
// bytes of UTF-8) with ESP32 NVS's 15-character names. `failAfter` cuts the power: the write that many sets later
// throws and is lost, as if the board reset in the middle of it.
import type { PreferenceApi } from '../firmware/net/preference-store';

/** UTF-8 length by hand: XS on the host (xsnap) has no TextEncoder. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) { const c = ch.codePointAt(0)!; n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }
  return n;
}

export class SimPreference implements PreferenceApi {
  readonly flash = new Map<string, string | number>();
  sets = 0;
  failAfter = Infinity;

  set(domain: string, key: string, value: string): void {
    if (domain.length > 15 || key.length > 15) throw new RangeError(`name too long: ${domain}/${key}`);
    if (utf8Bytes(value) > 62) throw new RangeError(`value too long for ${key}`);
    if (this.sets++ >= this.failAfter) throw new Error('power lost');
    this.flash.set(`${domain}/${key}`, value);
  }
  get(domain: string, key: string): string | number | undefined { return this.flash.get(`${domain}/${key}`); }
  delete(domain: string, key: string): void { this.flash.delete(`${domain}/${key}`); }
}
