// Transitions by parts. A state is the bay's part (deck, door E, environment, bay air, the shared memory, the faults
// spent) and one part per airlock. The coordination is built so that (docs/VERIFICATION.md, "Transitions by parts"):
// - an airlock's event reads the bay's part and its own, and writes its own (and the faults spent);
// - a bay event writes the bay's part from the bay's part alone, and each airlock's from the bay's and that airlock's;
// - which events are enabled, and whether a property breaks, is judged from the bay's part, or from the bay's part and
//   one airlock's (verify/properties.ts bayPartClean, airlockPartClean).
// So an event's effect, learned once by running the real machines on one state, is the same on every state that
// shares the parts it reads: the search runs the firmware once per (bay part, airlock part, event), and composes the
// other successors from what it learned. What it learns is checked: an airlock event that changes another airlock's
// part, or one that reports an impossible event, is always run on the whole state; and every `selfCheck`-th composed
// transition and new state is also run on the whole state and compared (a difference stops the check).
import { BOOTED, EventList, FINISH, FIRST_AIRLOCK, kindOf } from './events';
import { take } from './codec';
import type { Model } from './model';
import { airlockPartClean, airlockSettled, airlocksVacuous, bayPartClean, deckSettled } from './properties';
import { airlockEvents, bayEvents } from './step';

/** Not learned yet; or learned to need the whole state (another airlock changed, or an impossible event). */
export const UNKNOWN = -1, WHOLE = -2;
const SLOT_BITS = 31 << 4;
const isFinish = (e: number) => kindOf(e) === FINISH || kindOf(e) === BOOTED;

/**
 * The learned parts are kept flat, in a few typed arrays indexed by part (struct of arrays), not as objects with
 * arrays of their own: a state's expansion reads its bay part's and four airlock parts' heads and events, and
 * objects scattered over the heap made each a cache miss of its own.
 *
 * A bay part's head (`bayHead`, HEAD words a part): where its events start in `bayEv` (-1: not learned yet), how many,
 * its flags. `bayEv`: per event, the event and the bay part (index) after it, UNKNOWN or WHOLE. `templates`: per bay
 * part, a state with this bay part and every airlock bit cleared (`width` words).
 *
 * An airlock part's head (`airHead`): where its own events start in `airEv`, how many, where its codes under the bay's
 * events start in `airUnder`, its flags. `airEv`: per own event (the airlock's slot cleared), the event, the bay part
 * after it (UNKNOWN or WHOLE) and the airlock's code after it. `airUnder`: per event of the bay part, this airlock's
 * code after it, or UNKNOWN.
 */
export const HEAD = 4, EV_START = 0, EV_COUNT = 1, UNDER = 2, FLAGS = 3;
export const BAY_EV = 2, AIR_EV = 3;
/** Flags: some event is a `finished …` or the sensors read (the prompt scan keeps only those); no property breaks;
 * the deck's goal is met; the airlocks' liveness is vacuous (environment faulted, hull breached); the airlock is settled. */
export const FINISHES = 1, CLEAN = 2, DECK_MET = 4, VACUOUS = 8, SETTLED = 16;

const grown = <T extends Int32Array | Uint32Array>(a: T, need: number): T => {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
};

/**
 * Pairs of 32-bit integers to indices, by open addressing in one Int32Array (x, y, index + 1 a slot): the search looks
 * up a bay part and four airlock parts per state, and a Map's lookup (a call into the engine) was about a twentieth
 * of the four-airlock run's time.
 */
class PairIndex {
  private slots = new Int32Array(3 * 1024);
  private mask = 1023;
  private count = 0;

  /** The index filed under (x, y), or -1. */
  get(x: number, y: number): number {
    const s = this.slots, mask = this.mask;
    for (let h = spread(x, y) & mask; ; h = (h + 1) & mask) {
      const v = s[3 * h + 2];
      if (v === 0) return -1;
      if (s[3 * h] === x && s[3 * h + 1] === y) return v - 1;
    }
  }

  /** Files `index` under (x, y), which must not be filed yet. */
  set(x: number, y: number, index: number): void {
    if (2 * (this.count + 1) > this.mask + 1) {
      const old = this.slots;
      this.slots = new Int32Array(2 * old.length); this.mask = 2 * this.mask + 1; this.count = 0;
      for (let k = 0; k < old.length; k += 3) if (old[k + 2] !== 0) this.set(old[k], old[k + 1], old[k + 2] - 1);
    }
    const s = this.slots, mask = this.mask;
    let h = spread(x, y) & mask;
    while (s[3 * h + 2] !== 0) h = (h + 1) & mask;
    s[3 * h] = x; s[3 * h + 1] = y; s[3 * h + 2] = index + 1; this.count++;
  }
}

function spread(x: number, y: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b) ^ Math.imul(y ^ (y >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return h ^ (h >>> 16);
}

export class Parts {
  bayHead = new Int32Array(HEAD * 1024);
  bayEv = new Int32Array(BAY_EV * 4096);
  templates: Uint32Array;
  bayCount = 0;
  private bayEvEnd = 0;
  airHead = new Int32Array(HEAD * 4096);
  airEv = new Int32Array(AIR_EV * 16384);
  airUnder = new Int32Array(16384);
  airCount = 0;
  private airEvEnd = 0;
  private airUnderEnd = 0;
  /** Bay parts by their bits (the first 30, the rest), and airlock parts by (bay part, airlock code). */
  private readonly bayIndex = new PairIndex();
  private readonly airIndex = new PairIndex();
  private readonly list = new EventList();
  /** The state last prepared: its airlocks' codes and parts in its (canonical) order. */
  readonly codes: number[];
  readonly airs: Int32Array;

  constructor(private readonly model: Model) {
    if (model.airlocksAt > 53) throw new Error('verify: the bay part of the state is too wide to be one number');
    this.codes = model.letters.map(() => 0);
    this.airs = new Int32Array(model.letters.length);
    this.templates = new Uint32Array(model.width * 1024);
  }

  /** The index of the bay part of the state in `words[at…]` (its events and verdicts not read yet if new). */
  bayOf(words: Uint32Array, at: number): number {
    const n = this.model.airlocksAt, low = take(words, at, 0, Math.min(n, 30)), high = n > 30 ? take(words, at, 30, n - 30) : 0;
    let b = this.bayIndex.get(low, high);
    if (b < 0) {
      const width = this.model.width, from = this.model.airlocksAt;
      b = this.bayCount++;
      this.templates = grown(this.templates, (b + 1) * width);
      this.bayHead = grown(this.bayHead, (b + 1) * HEAD);
      const t = this.templates, o = b * width;
      for (let k = 0; k < width; k++) t[o + k] = words[at + k];
      t[o + (from >>> 5)] &= (from & 31) === 0 ? 0 : (2 ** (from & 31) - 1);
      for (let k = (from >>> 5) + 1; k < width; k++) t[o + k] = 0;
      this.bayHead[b * HEAD + EV_START] = -1;
      this.bayIndex.set(low, high, b);
    }
    return b;
  }

  /** Bay part b's events and verdicts are known. */
  learned(b: number): boolean { return this.bayHead[b * HEAD + EV_START] >= 0; }

  /**
   * Reads the parts of the state in `words[at…]` into `codes` and `airs`, learning from the loaded state what is not
   * known yet. Returns its bay part's index, or ~index when it loaded the state into the model.
   */
  prepare(words: Uint32Array, at: number): number {
    const model = this.model, b = this.bayOf(words, at);
    let loaded = false;
    if (this.bayHead[b * HEAD + EV_START] < 0) { model.load(words, at, true); loaded = true; this.learnBay(b); }
    for (let p = 0; p < this.codes.length; p++) {
      const c = model.airlockCode(words, at, p);
      let a = this.airIndex.get(b, c);
      if (a < 0) {
        if (!loaded) { model.load(words, at, true); loaded = true; }
        a = this.learnAirlock(b, p);
        this.airIndex.set(b, c, a);
      }
      this.codes[p] = c; this.airs[p] = a;
    }
    return loaded ? ~b : b;
  }

  /** The part of airlock code `c` beside bay part `b`, if known; else -1. */
  airlock(b: number, c: number): number { return this.airIndex.get(b, c); }

  private learnBay(b: number): void {
    const model = this.model, list = this.list;
    list.clear();
    bayEvents(model, list);
    const start = this.bayEvEnd, count = list.length;
    this.bayEvEnd += count;
    this.bayEv = grown(this.bayEv, this.bayEvEnd * BAY_EV);
    let f = false;
    for (let k = 0; k < count; k++) {
      const e = list.codes[k];
      f ||= isFinish(e);
      this.bayEv[(start + k) * BAY_EV] = e; this.bayEv[(start + k) * BAY_EV + 1] = UNKNOWN;
    }
    const h = this.bayHead, o = b * HEAD;
    h[o + EV_START] = start; h[o + EV_COUNT] = count;
    h[o + FLAGS] = (f ? FINISHES : 0) | (bayPartClean(model) ? CLEAN : 0) | (deckSettled(model) ? DECK_MET : 0) | (airlocksVacuous(model) ? VACUOUS : 0);
  }

  private learnAirlock(b: number, p: number): number {
    const model = this.model, list = this.list;
    list.clear();
    airlockEvents(model, list, p);
    const a = this.airCount++, start = this.airEvEnd, count = list.length, under = this.airUnderEnd, bayCount = this.bayHead[b * HEAD + EV_COUNT];
    this.airEvEnd += count; this.airUnderEnd += bayCount;
    this.airHead = grown(this.airHead, (a + 1) * HEAD);
    this.airEv = grown(this.airEv, this.airEvEnd * AIR_EV);
    this.airUnder = grown(this.airUnder, this.airUnderEnd);
    let f = false;
    const ev = this.airEv;
    for (let k = 0; k < count; k++) {
      const e = list.codes[k] & ~SLOT_BITS, o = (start + k) * AIR_EV;
      f ||= isFinish(e);
      ev[o] = e; ev[o + 1] = UNKNOWN; ev[o + 2] = 0;
    }
    this.airUnder.fill(UNKNOWN, under, under + bayCount);
    const h = this.airHead, o = a * HEAD;
    h[o + EV_START] = start; h[o + EV_COUNT] = count; h[o + UNDER] = under;
    h[o + FLAGS] = (f ? FINISHES : 0) | (airlockPartClean(model, p) ? CLEAN : 0) | (airlockSettled(model, p) ? SETTLED : 0);
    return a;
  }
}

/** Airlock event `e` (slot cleared) as airlock `p`'s. */
export const atAirlock = (e: number, p: number): number => e | ((FIRST_AIRLOCK + p) << 4);
