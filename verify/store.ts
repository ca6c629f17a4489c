// The visited states: `width` words each in one typed array, an open-addressing hash index over them, and for
// each state its parent and the event that reached it first (breadth first, so the path back is a shortest one).

const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T, size: number): T => {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
};

/**
 * The buffers of a store that several threads search together (verify/check.ts `searchShared`): one
 * SharedArrayBuffer each, sized for `capacity` states up front (the memory is taken only as states arrive), so
 * nothing moves while the threads add states.
 */
export interface SharedBuffers {
  width: number;
  capacity: number;
  control: SharedArrayBuffer;
  words: SharedArrayBuffer;
  parent: SharedArrayBuffer;
  via: SharedArrayBuffer;
  flags: SharedArrayBuffer;
  table: SharedArrayBuffer;
  /** The states a level's end moved (`compact`): how many, the size after it, then each one's old and new index. */
  moves: SharedArrayBuffer;
}

/** Where the shared search keeps its counters (verify/check.ts): how many states (indices handed out), the
 * breadth-first levels, and from BLOCKS on each thread's block (its next index and its end) at a level's end. */
export const SIZE = 0, CURSOR = 1, LEVEL_END = 2, ARRIVED = 3, GENERATION = 4, DONE = 5, STOP = 6, ABORT = 7, DEPTH = 8;
const BLOCKS = 9;
/** The most threads a shared store serves (its control words), and how many indices a thread takes at a time. */
export const MAX_THREADS = 3, BLOCK = 64;

/** The buffers for a shared store of `width`-word states, at most `capacity` of them (the table at most 3/4 full). */
export function sharedBuffers(width: number, capacity: number): SharedBuffers {
  let slots = 4096;
  while (slots * 3 < capacity * 4) slots *= 2;
  const control = new SharedArrayBuffer(64);
  new Int32Array(control)[DEPTH] = -1;
  return {
    width, capacity, control, words: new SharedArrayBuffer(capacity * width * 4), parent: new SharedArrayBuffer(capacity * 4),
    via: new SharedArrayBuffer(capacity * 4), flags: new SharedArrayBuffer(capacity), table: new SharedArrayBuffer(slots * 8),
    moves: new SharedArrayBuffer((2 + 2 * MAX_THREADS * BLOCK) * 4),
  };
}

export class StateStore {
  words: Uint32Array;
  parent: Int32Array = new Int32Array(1024);
  via: Int32Array = new Int32Array(1024);
  /** Per state, bits the checker sets (liveness goals met). */
  flags: Uint8Array = new Uint8Array(1024);
  size = 0;
  // Open addressing, two numbers a slot: the state's index + 1 (0: empty) and its hash, so a probe that meets
  // another state is told apart without reading that state's words.
  private table: Int32Array = new Int32Array(2 * 4096);
  /** Shared by several threads: the counters (SIZE…), and how many states the buffers hold. */
  readonly control: Int32Array | undefined;
  private readonly capacity: number = 0;
  /** Shared: this thread's block of indices (next, end), and the moves of the last level's end. */
  private blockNext = 0;
  private blockEnd = 0;
  readonly moves: Int32Array | undefined;

  constructor(readonly width: number, shared?: SharedBuffers) {
    if (shared) {
      this.words = new Uint32Array(shared.words); this.parent = new Int32Array(shared.parent); this.via = new Int32Array(shared.via);
      this.flags = new Uint8Array(shared.flags); this.table = new Int32Array(shared.table); this.control = new Int32Array(shared.control);
      this.capacity = shared.capacity; this.moves = new Int32Array(shared.moves);
    } else this.words = new Uint32Array(width * 1024);
  }

  /**
   * `add` for a store shared by several threads. A free slot is claimed (-1) by compare-and-exchange, the state
   * written, and the slot published with its index; a probe that meets a claimed slot waits the few steps until it is
   * published. The buffers never move (sized up front), so no thread ever waits for another to rehash. Each thread
   * takes its indices BLOCK at a time, so the two threads' new states do not share cache lines (the lines of words,
   * parents and flags would otherwise pass from core to core at nearly every new state); `compact` closes the gaps
   * the blocks leave at a level's end.
   */
  addShared(src: Uint32Array, at: number, parent: number, via: number): number { return this.addSharedHashed(src, at, this.hash(src, at), parent, via); }

  /** `addShared` with the state's hash (`hash`) already known. */
  addSharedHashed(src: Uint32Array, at: number, full: number, parent: number, via: number): number {
    const n = this.width, table = this.table, control = this.control!, mask = (table.length >> 1) - 1;
    let h = full & mask;
    for (;;) {
      let slot = Atomics.load(table, 2 * h);
      if (slot === 0) {
        if (Atomics.compareExchange(table, 2 * h, 0, -1) === 0) {
          if (this.blockNext === this.blockEnd) {
            const start = Atomics.add(control, SIZE, BLOCK);
            if (start + BLOCK > this.capacity) throw new Error(`verify: more than ${this.capacity} states, the shared store's capacity`);
            this.blockNext = start; this.blockEnd = start + BLOCK;
          }
          const i = this.blockNext++, words = this.words;
          for (let k = 0; k < n; k++) words[i * n + k] = src[at + k];
          this.parent[i] = parent; this.via[i] = via;
          table[2 * h + 1] = full;
          Atomics.store(table, 2 * h, i + 1);
          return i;
        }
        slot = Atomics.load(table, 2 * h);
      }
      while (slot === -1) slot = Atomics.load(table, 2 * h);
      if (table[2 * h + 1] === full && this.equal(slot - 1, src, at)) return ~(slot - 1);
      h = (h + 1) & mask;
    }
  }

  /** A thread of a shared search at a level's end (`role`): its block's unused indices are told, and it takes a new
   * block for the next level. */
  endLevel(role: number): void {
    Atomics.store(this.control!, BLOCKS + 2 * role, this.blockNext);
    Atomics.store(this.control!, BLOCKS + 2 * role + 1, this.blockEnd);
    this.blockNext = this.blockEnd = 0;
  }

  /**
   * At a level's end, by the last of the `threads` threads to reach it, while the others wait: the states at the end
   * of the store are moved into the unused indices of the threads' blocks, so the states are numbered 0 … size − 1
   * again (each keeps its level: the gaps and the moved states are all of the level just found). Each move is written
   * to `moves`, for the threads to renumber what they hold (`renumber`).
   */
  compact(threads: number): void {
    const control = this.control!, moves = this.moves!, size = Atomics.load(control, SIZE), holes: number[] = [];
    let free = 0;
    for (let t = 0; t < threads; t++) {
      const next = control[BLOCKS + 2 * t], end = control[BLOCKS + 2 * t + 1];
      if (next < end) { holes.push(next, end); free += end - next; }
      control[BLOCKS + 2 * t] = control[BLOCKS + 2 * t + 1] = 0;
    }
    const target = size - free, inHole = (i: number) => { for (let k = 0; k < holes.length; k += 2) if (i >= holes[k] && i < holes[k + 1]) return true; return false; };
    let count = 0, src = size - 1;
    for (let k = 0; k < holes.length; k += 2) {
      for (let to = holes[k]; to < holes[k + 1] && to < target; to++) {
        while (inHole(src)) src--;
        this.move(src, to);
        moves[2 + 2 * count] = src; moves[3 + 2 * count] = to; count++;
        src--;
      }
    }
    moves[0] = count; moves[1] = target;
    Atomics.store(control, SIZE, target);
  }

  /** The index `i` after the last `compact` (only an index at or past its size was moved). */
  renumbered(i: number): number {
    const moves = this.moves!;
    if (i < moves[1]) return i;
    for (let k = 0; k < moves[0]; k++) if (moves[2 + 2 * k] === i) return moves[3 + 2 * k];
    return i;
  }

  // State `from` to index `to` (free): its words, parent, event and flags, and its slot in the index.
  private move(from: number, to: number): void {
    const n = this.width, words = this.words, table = this.table, mask = (table.length >> 1) - 1;
    for (let k = 0; k < n; k++) words[to * n + k] = words[from * n + k];
    this.parent[to] = this.parent[from]; this.via[to] = this.via[from]; this.flags[to] = this.flags[from];
    let h = this.hash(words, to * n) & mask;
    while (table[2 * h] !== from + 1) h = (h + 1) & mask;
    table[2 * h] = to + 1;
  }

  /** The index of the state in `src[at…at+width-1]`, added with its parent and event if new; `~index` if already known. */
  add(src: Uint32Array, at: number, parent: number, via: number): number { return this.addHashed(src, at, this.hash(src, at), parent, via); }

  /** `add` with the state's hash (`hash`) already known. */
  addHashed(src: Uint32Array, at: number, full: number, parent: number, via: number): number {
    const n = this.width;
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

  /** The hash of the state in `src[at…]`, as `add` files it. */
  hash(src: Uint32Array, at: number): number { return hash(src, at, this.width) | 0; }

  /**
   * Reads, without changing anything, what `add` would read first for a state of hash `full`: its slot in the index and,
   * when the slot holds a state of that hash, that state's first word. The search touches the slots of all a state's
   * successors before it adds them, so their cache misses overlap instead of coming one after another; the result
   * means nothing (it is returned so the reads are not optimised away). A racy read of a shared store is harmless here.
   */
  touch(full: number): number {
    const table = this.table, h = full & ((table.length >> 1) - 1), slot = table[2 * h];
    return slot > 0 && table[2 * h + 1] === full ? this.words[(slot - 1) * this.width] : slot;
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
  from: Int32Array = new Int32Array(1 << 16);
  to: Int32Array = new Int32Array(1 << 16);
  length = 0;
  push(a: number, b: number): void {
    if (this.length === this.from.length) { this.from = grow(this.from, this.length * 2); this.to = grow(this.to, this.length * 2); }
    this.from[this.length] = a; this.to[this.length++] = b;
  }
}
