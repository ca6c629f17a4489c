// The visited states: `width` words each in one typed array, an open-addressing hash index over them, and for
// each state its parent and the event that reached it first (breadth first, so the path back is a shortest one).

const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, size: number): T => {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
};

export class StateStore {
  words: Uint32Array;
  parent = new Int32Array(1024);
  via = new Int32Array(1024);
  /** Per state, bits the checker sets (liveness goals met). */
  flags = new Uint8Array(1024);
  size = 0;
  private table = new Int32Array(4096);

  constructor(readonly width: number) { this.words = new Uint32Array(width * 1024); }

  /** The index of the state in `src[at…at+width-1]`, added with its parent and event if new; `~index` if already known. */
  add(src: Uint32Array, at: number, parent: number, via: number): number {
    const n = this.width;
    let mask = this.table.length - 1, h = hash(src, at, n) & mask;
    for (;;) {
      const slot = this.table[h];
      if (slot === 0) break;
      const i = slot - 1;
      if (this.equal(i, src, at)) return ~i;
      h = (h + 1) & mask;
    }
    const i = this.size++;
    if (i === this.parent.length) this.enlarge();
    for (let k = 0; k < n; k++) this.words[i * n + k] = src[at + k];
    this.parent[i] = parent; this.via[i] = via;
    if (this.size * 2 > this.table.length) { this.rehash(); mask = this.table.length - 1; h = hash(src, at, n) & mask; while (this.table[h] !== 0) h = (h + 1) & mask; }
    this.table[h] = i + 1;
    return i;
  }

  /** Whether state `i` is the one in `src[at…]`. */
  equal(i: number, src: Uint32Array, at: number): boolean {
    const n = this.width, w = this.words;
    for (let k = 0; k < n; k++) if (w[i * n + k] !== src[at + k]) return false;
    return true;
  }

  /** Bytes held, for the report. */
  get bytes(): number { return this.words.byteLength + this.parent.byteLength + this.via.byteLength + this.flags.byteLength + this.table.byteLength; }

  private enlarge(): void {
    const n = this.parent.length * 2;
    this.words = grow(this.words, n * this.width); this.parent = grow(this.parent, n); this.via = grow(this.via, n); this.flags = grow(this.flags, n);
  }

  // The new state is inserted by the caller after this; only the ones before it are re-indexed.
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2), mask = table.length - 1;
    for (let i = 0; i < this.size - 1; i++) {
      let h = hash(this.words, i * this.width, this.width) & mask;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = i + 1;
    }
    this.table = table;
  }
}

function hash(words: Uint32Array, at: number, n: number): number {
  let h = 0x9e3779b9;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ (h >>> 15) ^ words[at + k], 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The progress transitions (source, target), in the order the sources were expanded. */
export class EdgeList {
  from = new Int32Array(1 << 16);
  to = new Int32Array(1 << 16);
  length = 0;
  push(a: number, b: number): void {
    if (this.length === this.from.length) { this.from = grow(this.from, this.length * 2); this.to = grow(this.to, this.length * 2); }
    this.from[this.length] = a; this.to[this.length++] = b;
  }
}
