// A small seeded PRNG (mulberry32): the same seed gives the same sensor noise on every run and every engine.

export class SeededRandom {
  private state: number;

  constructor(seed: number) { this.state = seed >>> 0; }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [-1, 1). */
  signed(): number { return this.next() * 2 - 1; }

  /** Where the sequence stands, to put it back (`restore`) after a view has sampled a sensor. */
  mark(): number { return this.state; }

  restore(mark: number): void { this.state = mark; }
}
