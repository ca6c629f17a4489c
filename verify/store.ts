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
  // Open addressing, two numbers a slot: the state's index + 1 (0: empty) and its hash, so a probe that meets
  // another state is told apart without reading that state's words.
  private table = new Int32Array(2 * 4096);

  constructor(readonly width: number) { this.words = new Uint32Array(width * 1024); }

  /** The index of the state in `src[at…at+width-1]`, added with its parent and event if new; `~index` if already known. */
  add(src: Uint32Array, at: number, parent: number, via: number): number {
    const n = this.width, full = hash(src, at, n) | 0;
    let table = this.table, mask = (table.length >> 1) - 1, h = full & mask;
    for (;;) {
      const slot = table[2 * h];
      if (slot === 0) break;
      if (table[2 * h + 1] === full && this.equal(slot - 1, src, at)) return ~(slot - 1);
      h = (h + 1) & mask;
    }
    const i = this.size++;
    if (i === this.parent.length) this.enlarge();
    for (let k = 0; k < n; k++) this.words[i * n + k] = src[at + k];
    this.parent[i] = parent; this.via[i] = via;
    if (this.size * 2 > (table.length >> 1)) {
      this.rehash(); table = this.table; mask = (table.length >> 1) - 1; h = full & mask;
      while (table[2 * h] !== 0) h = (h + 1) & mask;
    }
    table[2 * h] = i + 1; table[2 * h + 1] = full;
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

  // The new state is inserted by the caller after this; the ones before it are moved by their stored hashes.
  private rehash(): void {
    const old = this.table, table = new Int32Array(old.length * 2), mask = (table.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s] === 0) continue;
      let h = old[s + 1] & mask;
      while (table[2 * h] !== 0) h = (h + 1) & mask;
      table[2 * h] = old[s]; table[2 * h + 1] = old[s + 1];
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
