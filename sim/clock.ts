// A virtual clock: time moves only when the simulation advances it, so every run is deterministic and as fast as the CPU.
import type { Clock, TimerId } from '../hal/types';

/** One timer. Kept by reference as the TimerId; a repeating timer reuses its record on every firing. */
interface Timer {
  due: number;
  /** Order of setting (or of re-arming, for a repeat): breaks ties between timers due at the same instant. */
  seq: number;
  callback: () => void;
  /** 0 for a one-shot timer. */
  repeatMs: number;
  /** Position in the heap, or -1 when not scheduled (fired or cleared). */
  index: number;
}

// A repeat of 0 ms would fire forever within one instant; Moddable's timers also run at most once per millisecond.
const MIN_REPEAT_MS = 1;

export class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly heap: Timer[] = [];
  private advancing = false;

  now(): number { return this.time; }

  /** Calls `callback` after `ms` (at least 0), then every `repeatMs` (at least 1) if given. */
  set(callback: () => void, ms: number, repeatMs?: number): TimerId {
    const delay = ms > 0 ? ms : 0;
    const repeat = repeatMs === undefined || repeatMs !== repeatMs ? 0 : Math.max(MIN_REPEAT_MS, repeatMs);
    const timer: Timer = { due: this.time + delay, seq: this.seq++, callback, repeatMs: repeat, index: -1 };
    this.push(timer);
    return timer;
  }

  /** Cancels a timer; clearing one that already fired, was cleared, or is not ours does nothing. */
  clear(id: TimerId): void {
    const timer = id as Timer | undefined;
    if (!timer || typeof timer !== 'object' || this.heap[timer.index] !== timer) return;
    this.removeAt(timer.index);
  }

  /** How many timers are scheduled. */
  get pending(): number { return this.heap.length; }

  /** When the next timer is due, or Infinity when none is. */
  get nextDue(): number { return this.heap.length > 0 ? this.heap[0].due : Infinity; }

  /**
   * Moves time forward by `ms`, running every timer due on the way in time order (ties in the order they
   * were set), including timers set by those callbacks if they fall due before the end.
   */
  advance(ms: number): void {
    this.advanceTo(this.time + (ms > 0 ? ms : 0));
  }

  /**
   * Advances until `predicate()` holds or `limitMs` have passed; returns whether it holds. Without `stepMs`
   * the predicate is checked after every instant at which timers fired (the only moments anything changes),
   * so time stops at the first instant it holds; with `stepMs` it is checked every `stepMs`.
   */
  runUntil(predicate: () => boolean, limitMs: number, stepMs?: number): boolean {
    const end = this.time + (limitMs > 0 ? limitMs : 0);
    if (predicate()) return true;
    while (this.time < end) {
      const next = stepMs !== undefined && stepMs > 0 ? this.time + stepMs : this.nextDue;
      this.advanceTo(next < end ? next : end);
      if (predicate()) return true;
    }
    return false;
  }

  private advanceTo(end: number): void {
    if (this.advancing) throw new Error('VirtualClock: advance() called from inside a timer callback');
    this.advancing = true;
    try {
      const heap = this.heap;
      while (heap.length > 0 && heap[0].due <= end) {
        const timer = heap[0];
        this.time = timer.due;
        // Re-armed before the call, so the callback may clear its own repeating timer. A repeat stays at the top
        // with its new due time and sinks to its place: one sift instead of a removal and an insertion, the
        // same order, since (due, seq) orders every timer.
        if (timer.repeatMs > 0) {
          timer.due += timer.repeatMs;
          timer.seq = this.seq++;
          this.down(0);
        } else this.removeAt(0);
        timer.callback();
      }
      this.time = end;
    } finally {
      this.advancing = false;
    }
  }

  // A binary min-heap keyed by (due, seq): O(log n) per set, clear and firing.
  private before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    timer.index = this.heap.length;
    this.heap.push(timer);
    this.up(timer.index);
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const removed = heap[i];
    const last = heap.pop()!;
    removed.index = -1;
    if (last === removed) return;
    heap[i] = last;
    last.index = i;
    this.down(i);
    this.up(last.index);
  }

  private up(i: number): void {
    const heap = this.heap;
    const timer = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(timer, heap[parent])) break;
      heap[i] = heap[parent];
      heap[i].index = i;
      i = parent;
    }
    heap[i] = timer;
    timer.index = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const timer = heap[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[child], timer)) break;
      heap[i] = heap[child];
      heap[i].index = i;
      i = child;
    }
    heap[i] = timer;
    timer.index = i;
  }
}
