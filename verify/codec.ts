// The state key's layout, built from what the system holds rather than written out by hand: each machine's state
// (with a code for unknown) and goal, every leaf of the coordination's memory (per airlock, or shared), and the
// abstract world. Bits are packed into 32-bit words; each airlock's part is one number, so it can be sorted.
import { airlockLetters } from '../firmware/board/signals';

/** Bits enough for `n` distinct values. */
export const bitsFor = (n: number): number => (n <= 1 ? 0 : 32 - Math.clz32(n - 1));

/** Writes `value` (below 2^bits) at bit `pos` of `out` from word `at`, which must be zeroed. Returns the next bit. */
export function put(out: Uint32Array, at: number, pos: number, value: number, bits: number): number {
  if (bits === 0) return pos;
  const w = at + (pos >>> 5), off = pos & 31;
  out[w] |= value << off;
  if (off + bits > 32) out[w + 1] |= value >>> (32 - off);
  return pos + bits;
}

/** Reads `bits` bits at bit `pos` of `words` from word `at`. */
export function take(words: Uint32Array, at: number, pos: number, bits: number): number {
  if (bits === 0) return 0;
  const w = at + (pos >>> 5), off = pos & 31;
  let v = words[w] >>> off;
  if (off + bits > 32) v |= words[w + 1] << (32 - off);
  return bits === 32 ? v >>> 0 : v & ((1 << bits) - 1);
}

/**
 * Values a memory leaf has taken, numbered as first seen. The width is fixed before the search starts (codes
 * already stored must keep their meaning), so a leaf that takes more values than it can hold stops the check
 * with its name.
 */
export class Interned {
  private readonly keys: unknown[] = [];
  private readonly objects: boolean[] = [];
  private readonly index = new Map<unknown, number>();
  constructor(readonly name: string, readonly bits: number) {}

  code(value: unknown): number {
    // Most leaves hold one of two values (false and true, a state and undefined): those without a map lookup.
    const keys = this.keys;
    if (value === keys[0] && keys.length > 0 && !this.objects[0]) return 0;
    if (value === keys[1] && keys.length > 1 && !this.objects[1]) return 1;
    const object = value !== null && typeof value === 'object', key = object ? `\0${JSON.stringify(value)}` : value;
    let c = this.index.get(key);
    if (c === undefined) {
      // Shared by several threads: the codes are given out under the registry's lock, the same in every thread.
      if (registry) return registry.code(this, key);
      c = this.keys.length;
      this.append(key);
    }
    return c;
  }

  /** Adds `key` with the next code. */
  append(key: unknown): void {
    const c = this.keys.length;
    if (c >= 2 ** this.bits) throw new Error(`verify: the coordination memory's ${this.name} took more than ${2 ** this.bits} values; widen it in verify/codec.ts`);
    this.keys.push(key); this.objects.push(typeof key === 'string' && key.startsWith('\0')); this.index.set(key, c);
  }

  /** How many values have codes. */
  get size(): number { return this.keys.length; }
  /** The key of `code`, as `code` interned it. */
  key(code: number): unknown { return this.keys[code]; }

  /** The value of `code`; an object comes back as a fresh copy, which the firmware may change. */
  value(code: number): unknown {
    if (code >= this.keys.length && registry) registry.sync(this);
    return this.objects[code] ? JSON.parse((this.keys[code] as string).slice(1)) : this.keys[code];
  }
}

/**
 * The memory leaves' codes shared by the threads of a shared search (verify/check.ts `searchShared`), so a state one
 * thread stored reads the same in another: every table, as JSON in a SharedArrayBuffer, changed under a spin lock.
 * A thread takes it only for a value it has not seen (a handful in a whole check).
 */
class Registry {
  private readonly lock: Int32Array;
  private readonly bytes: Uint8Array;
  constructor(buffer: SharedArrayBuffer) { this.lock = new Int32Array(buffer, 0, 2); this.bytes = new Uint8Array(buffer, 8); }

  code(table: Interned, key: unknown): number {
    return this.locked((all) => {
      this.adopt(table, all);
      const known = all[table.name] ?? [];
      for (let c = 0; c < table.size; c++) if (table.key(c) === key) return c;
      table.append(key);
      known.push(key === undefined ? null : [key]);
      all[table.name] = known;
      return table.size - 1;
    });
  }

  sync(table: Interned): void { this.locked((all) => { this.adopt(table, all); }); }

  // The registry's codes for `table`, taken into it; the table's own first values (the fresh memory's) given to the registry.
  private adopt(table: Interned, all: Record<string, ([unknown] | null)[]>): void {
    const known = all[table.name] ?? [];
    for (let c = 0; c < known.length; c++) {
      const key = known[c] === null ? undefined : known[c]![0];
      if (c < table.size) { if (table.key(c) !== key) throw new Error(`verify: the threads gave the memory's ${table.name} different codes`); } else table.append(key);
    }
    for (let c = known.length; c < table.size; c++) { const k = table.key(c); known.push(k === undefined ? null : [k]); }
    all[table.name] = known;
  }

  private locked<T>(f: (all: Record<string, ([unknown] | null)[]>) => T): T {
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0) { /* another thread is giving out a code */ }
    try {
      const n = this.lock[1], all = n === 0 ? {} : JSON.parse(new TextDecoder().decode(this.bytes.slice(0, n))) as Record<string, ([unknown] | null)[]>;
      const out = f(all), text = new TextEncoder().encode(JSON.stringify(all));
      if (text.length > this.bytes.length) throw new Error('verify: the shared codes outgrew their buffer');
      this.bytes.set(text); this.lock[1] = text.length;
      return out;
    } finally { Atomics.store(this.lock, 0, 0); }
  }
}

let registry: Registry | undefined;

/** Shares the memory leaves' codes with the other threads holding `buffer` (`sharedCodes`): call before any model is built. */
export function shareCodes(buffer: SharedArrayBuffer): void { registry = new Registry(buffer); }

/** A buffer for `shareCodes`. */
export const sharedCodes = (): SharedArrayBuffer => new SharedArrayBuffer(1 << 16);

// One table per leaf for the whole process: every model gives a value the same code, so states of two runs
// compare (the projection check).
const tables = new Map<string, Interned>();
const interned = (name: string, bits: number): Interned => {
  let t = tables.get(name);
  if (!t) { t = new Interned(name, bits); tables.set(name, t); }
  return t;
};

type Memory = { [field: string]: unknown };

/** One leaf of the memory shared by the whole bay: `field`, or `field.key` inside a plain object. */
interface SharedLeaf { field: string; key: string | undefined; values: Interned }
/** A memory field keyed by airlock letter (`recalled.B`): one leaf per airlock, in that airlock's part. */
interface AirlockLeaf { field: string; values: Interned }

const PER_AIRLOCK_BITS = 2, SHARED_BITS = 4;
const isPlain = (x: unknown): x is Memory => !!x && typeof x === 'object' && !Array.isArray(x);
const perAirlock = (x: unknown) => isPlain(x) && airlockLetters.every((l) => l in x);

/** The memory's leaves, found in its shape: fields keyed by every airlock letter are per airlock; the rest are shared. */
function memoryLeaves(memory: Memory): { shared: SharedLeaf[]; airlock: AirlockLeaf[] } {
  const shared: SharedLeaf[] = [], airlock: AirlockLeaf[] = [];
  for (const field of Object.keys(memory)) {
    const v = memory[field];
    if (perAirlock(v)) airlock.push({ field, values: interned(`${field} (per airlock)`, PER_AIRLOCK_BITS) });
    else if (isPlain(v)) for (const key of Object.keys(v)) shared.push({ field, key, values: interned(`${field}.${key}`, SHARED_BITS) });
    else shared.push({ field, key: undefined, values: interned(field, SHARED_BITS) });
  }
  // The values a fresh memory holds come first, so they have the same codes in every run.
  for (const leaf of shared) leaf.values.code(readShared(memory, leaf));
  for (const leaf of airlock) leaf.values.code((memory[leaf.field] as Memory)[airlockLetters[0]]);
  return { shared, airlock };
}

const readShared = (memory: Memory, leaf: SharedLeaf): unknown =>
  leaf.key === undefined ? memory[leaf.field] : (memory[leaf.field] as Memory)[leaf.key];

/** The memory's leaves read and written by functions compiled for its shape: named property loads, not keyed ones. */
export interface MemoryCodec {
  /** Bits of the shared leaves, and of each airlock's leaves. */
  sharedBits: number;
  airlockBits: number;
  /** Writes the shared leaves' codes at bit `pos` of `out` from word `at`; returns the next bit. */
  saveShared(memory: object, out: Uint32Array, at: number, pos: number): number;
  loadShared(memory: object, words: Uint32Array, at: number, pos: number): number;
  /** Airlock i's leaves packed in one number, and back. */
  airlockCodes: ((memory: object) => number)[];
  loadAirlock: ((memory: object, packed: number) => void)[];
}

const path = (leaf: SharedLeaf) => `m[${JSON.stringify(leaf.field)}]${leaf.key === undefined ? '' : `[${JSON.stringify(leaf.key)}]`}`;

export function compileMemory(memory: object, letters: readonly string[]): MemoryCodec {
  const { shared, airlock } = memoryLeaves(memory as Memory), T = [...shared, ...airlock].map((l) => l.values);
  let save = 'let p = pos;\n', load = 'let p = pos;\n';
  shared.forEach((leaf, k) => {
    save += `p = put(out, at, p, T[${k}].code(${path(leaf)}), ${leaf.values.bits});\n`;
    load += `${path(leaf)} = T[${k}].value(take(words, at, p, ${leaf.values.bits})); p += ${leaf.values.bits};\n`;
  });
  const codes: string[] = [], loads: string[] = [];
  for (const l of letters) {
    let shift = 0, c = 'return 0', back = '';
    airlock.forEach((leaf, j) => {
      const at = `m[${JSON.stringify(leaf.field)}][${JSON.stringify(l)}]`, t = `T[${shared.length + j}]`;
      c += ` | ${t}.code(${at}) << ${shift}`;
      back += `${at} = ${t}.value((c >>> ${shift}) & ${2 ** leaf.values.bits - 1});\n`;
      shift += leaf.values.bits;
    });
    codes.push(c); loads.push(back);
  }
  // Generated once per model from the memory's own field names (JSON-quoted), so each access is a plain property load.
  const make = (params: string, body: string) => new Function('T', 'put', 'take', `return (${params}) => {\n${body}\n}`)(T, put, take);
  return {
    sharedBits: shared.reduce((n, l) => n + l.values.bits, 0),
    airlockBits: airlock.reduce((n, l) => n + l.values.bits, 0),
    saveShared: make('m, out, at, pos', `${save}return p;`),
    loadShared: make('m, words, at, pos', `${load}return p;`),
    airlockCodes: codes.map((c) => make('m', c)),
    loadAirlock: loads.map((b) => make('m, c', b)),
  };
}
