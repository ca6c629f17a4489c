// The visited states: three words each in one typed array, an open-addressing hash index over them, and for
// each state its parent and the event that reached it first (breadth first, so the path back is a shortest one).

const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, size: number): T => {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
};

export class StateStore {
  words = new Uint32Array(3 * 1024);
  parent = new Int32Array(1024);
  via = new Int32Array(1024);
  /** Per state, bits the checker sets (liveness goals met). */
  flags = new Uint8Array(1024);
  size = 0;
  private table = new Int32Array(4096);

  /** The index of the state in `src[at…at+2]`, added with its parent and event if new; `~index` if already known. */
  add(src: Uint32Array, at: number, parent: number, via: number): number {
    const a = src[at], b = src[at + 1], c = src[at + 2];
    let mask = this.table.length - 1, h = hash(a, b, c) & mask;
    for (;;) {
      const slot = this.table[h];
      if (slot === 0) break;
      const i = slot - 1, w = i * 3;
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c) return ~i;
      h = (h + 1) & mask;
    }
    const i = this.size++;
    if (i === this.parent.length) this.enlarge();
    this.words[i * 3] = a; this.words[i * 3 + 1] = b; this.words[i * 3 + 2] = c;
    this.parent[i] = parent; this.via[i] = via;
    if (this.size * 2 > this.table.length) { this.rehash(); mask = this.table.length - 1; h = hash(a, b, c) & mask; while (this.table[h] !== 0) h = (h + 1) & mask; }
    this.table[h] = i + 1;
    return i;
  }

  /** Bytes held, for the report. */
  get bytes(): number { return this.words.byteLength + this.parent.byteLength + this.via.byteLength + this.flags.byteLength + this.table.byteLength; }

  private enlarge(): void {
    const n = this.parent.length * 2;
    this.words = grow(this.words, n * 3); this.parent = grow(this.parent, n); this.via = grow(this.via, n); this.flags = grow(this.flags, n);
  }

  // The new state is inserted by the caller after this; only the ones before it are re-indexed.
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2), mask = table.length - 1;
    for (let i = 0; i < this.size - 1; i++) {
      let h = hash(this.words[i * 3], this.words[i * 3 + 1], this.words[i * 3 + 2]) & mask;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = i + 1;
    }
    this.table = table;
  }
}

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
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
