// A node's state records (its epoch, its replay windows) in Moddable's Preference: flash that survives a reboot.
// Every Preference must hold them, the smallest too: the Pico's takes values of at most 62 bytes of UTF-8 text,
// and ESP32's NVS names of at most 15 characters. So a record is cut into pieces, and written double-buffered:
// the pieces of the new version go beside the old ones, then one small write of the record's head switches to
// them. A put cut short by a power failure leaves the old record whole.

/** Moddable's `preference` module, as the store uses it (injected: the host tests give it a flash of their own). */
export interface PreferenceApi {
  set(domain: string, key: string, value: string): void;
  get(domain: string, key: string): string | boolean | number | ArrayBuffer | undefined;
  delete(domain: string, key: string): void;
}

/** The store the node keeps its state in: named records of text (firmware/net's NodeStateStore). */
export interface StateRecords {
  readonly where: string;
  get(name: string): string | undefined;
  put(name: string, value: string): void;
}

/** Bytes of UTF-8 per piece: the Pico's Preference stores at most 63 bytes, the C string's NUL included. */
export const PIECE_BYTES = 62;
/** Longest Preference key or domain (ESP32 NVS). */
const MAX_KEY = 15;
/** A record name leaves room for the piece suffix: `.`, the buffer (0 or 1) and a two-digit index. */
const MAX_NAME = MAX_KEY - 4;
const MAX_PIECES = 100;

function utf8Length(code: number): number { return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4; }

/** `text` cut into pieces of at most PIECE_BYTES of UTF-8, never inside a character. */
export function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0, bytes = 0;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!, width = code > 0xffff ? 2 : 1, size = utf8Length(code);
    if (bytes + size > PIECE_BYTES) { out.push(text.slice(start, i)); start = i; bytes = 0; }
    bytes += size;
    i += width;
  }
  if (start < text.length || out.length === 0) out.push(text.slice(start));
  return out;
}

const pieceKey = (name: string, buffer: number, index: number) => `${name}.${buffer}${index}`;

/** The head `<buffer>,<count>` of a record, or undefined if absent or garbled. */
function readHead(api: PreferenceApi, domain: string, name: string): { buffer: number; count: number } | undefined {
  const head = api.get(domain, name);
  const m = typeof head === 'string' ? /^([01]),(\d{1,3})$/.exec(head) : null;
  if (!m) return undefined;
  const count = Number(m[2]);
  return count >= 1 && count <= MAX_PIECES ? { buffer: Number(m[1]), count } : undefined;
}

export function createPreferenceStore(api: PreferenceApi, domain = 'launchbay'): StateRecords {
  if (domain.length === 0 || domain.length > MAX_KEY) throw new RangeError(`preference store: domain "${domain}" must be 1 to ${MAX_KEY} characters`);
  const checkName = (name: string) => {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || name.length > MAX_NAME) {
      throw new RangeError(`preference store: record name "${name}" must be a letter then letters, digits, _ or -, at most ${MAX_NAME} characters`);
    }
  };
  return {
    where: `Preference domain "${domain}"`,
    get(name) {
      checkName(name);
      const head = readHead(api, domain, name);
      if (!head) return undefined;
      let text = '';
      for (let i = 0; i < head.count; i++) {
        const piece = api.get(domain, pieceKey(name, head.buffer, i));
        // A piece lost or of the wrong type: the record is lost, never half read.
        if (typeof piece !== 'string') return undefined;
        text += piece;
      }
      return text;
    },
    put(name, value) {
      checkName(name);
      const parts = pieces(value);
      if (parts.length > MAX_PIECES) throw new RangeError(`preference store: record "${name}" is too long (${value.length} characters)`);
      const buffer = readHead(api, domain, name)?.buffer === 0 ? 1 : 0;
      for (let i = 0; i < parts.length; i++) api.set(domain, pieceKey(name, buffer, i), parts[i]!);
      api.set(domain, name, `${buffer},${parts.length}`);
    },
  };
}
