// The shared visited set (verify/store.ts): each thread takes indices a block at a time, and a level's end closes the
// gaps the blocks leave, moving states from the end into them, so the states are numbered 0 … size − 1 again and each
// is still found by its words.
import { describe, expect, it } from 'vitest';
import { BLOCK, SIZE, sharedBuffers, StateStore } from '../../verify/store';

const state = (k: number) => Uint32Array.of(k, k * 7 + 1);

describe('a visited set shared by threads', () => {
  it('numbers a level\'s states densely after its end, finds each moved one by its words, and says where each went', () => {
    const buffers = sharedBuffers(2, 10_000), a = new StateStore(2, buffers), b = new StateStore(2, buffers);
    // Level 0: one state. Level 1: 70 states from thread a (a block and a few), 5 from thread b, interleaved.
    a.addShared(state(0), 0, -1, -1);
    a.endLevel(0); b.endLevel(1); a.compact(2);
    expect(Atomics.load(a.control!, SIZE)).toBe(1);
    const index = new Map<number, number>();
    for (let k = 1; k <= 75; k++) index.set(k, (k % 15 === 0 ? b : a).addShared(state(k), 0, 0, k));
    expect(Atomics.load(a.control!, SIZE)).toBe(1 + 3 * BLOCK); // three blocks taken, gaps at the end of each
    a.endLevel(0); b.endLevel(1); a.compact(2);
    expect(Atomics.load(a.control!, SIZE)).toBe(76);
    const seen = new Set<number>();
    for (let k = 0; k <= 75; k++) {
      const i = ~a.addShared(state(k), 0, 9, 9); // known: ~index
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(76);
      expect(Array.from(a.words.subarray(2 * i, 2 * i + 2))).toEqual(Array.from(state(k)));
      if (k > 0) {
        expect(a.renumbered(index.get(k)!)).toBe(i); // where an index handed out during the level went
        expect([a.parent[i], a.via[i]]).toEqual([0, k]);
      }
      seen.add(i);
    }
    expect(seen.size).toBe(76);
  });
});
