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

/** What the bay's part of a state decides alone, and what each of its events does to it. */
export class BayPart {
  /** A state with this bay part and every airlock bit cleared. */
  readonly template: Uint32Array;
  /** Its events, as enabledEvents lists them (undefined until first read from a loaded state). */
  events: Int32Array | undefined;
  /** Some event is a `finished …` or the sensors read (the prompt scan keeps only those). */
  finishes = false;
  clean = false;
  deckMet = false;
  /** Airlock liveness is vacuous here (environment faulted, hull breached). */
  vacuous = false;
  /** Per event: the bay part (index) after it, UNKNOWN or WHOLE. */
  next = new Int32Array(0);
  constructor(template: Uint32Array) { this.template = template; }
}

/** What one airlock's part decides with a bay part, and what events do to it. */
export class AirlockPart {
  /** Its own events, with the airlock's slot cleared. */
  readonly events: Int32Array;
  readonly finishes: boolean;
  readonly clean: boolean;
  readonly settled: boolean;
  /** Per own event: the bay part (index) after it, or UNKNOWN or WHOLE; and the airlock's code after it. */
  readonly nextBay: Int32Array;
  readonly nextCode: Int32Array;
  /** Per event of the bay part: this airlock's code after it, or UNKNOWN. */
  readonly underBay: Int32Array;
  constructor(events: Int32Array, clean: boolean, settled: boolean, bayEventCount: number) {
    this.events = events; this.clean = clean; this.settled = settled;
    let f = false;
    for (let k = 0; k < events.length; k++) f ||= isFinish(events[k]);
    this.finishes = f;
    this.nextBay = new Int32Array(events.length).fill(UNKNOWN);
    this.nextCode = new Int32Array(events.length);
    this.underBay = new Int32Array(bayEventCount).fill(UNKNOWN);
  }
}

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
  readonly bays: BayPart[] = [];
  /** Bay parts by their bits (the first 30, the rest), and airlock parts (in `airParts`) by (bay part, airlock code). */
  private readonly bayIndex = new PairIndex();
  private readonly airIndex = new PairIndex();
  private readonly airParts: AirlockPart[] = [];
  private readonly list = new EventList();
  /** The state last prepared: its bay part, and its airlocks' codes and parts in its (canonical) order. */
  readonly codes: number[];
  readonly airs: AirlockPart[];

  constructor(private readonly model: Model) {
    if (model.airlocksAt > 53) throw new Error('verify: the bay part of the state is too wide to be one number');
    this.codes = model.letters.map(() => 0);
    this.airs = [];
  }

  /** The index of the bay part of the state in `words[at…]` (its events and verdicts not read yet if new). */
  bayOf(words: Uint32Array, at: number): number {
    const n = this.model.airlocksAt, low = take(words, at, 0, Math.min(n, 30)), high = n > 30 ? take(words, at, 30, n - 30) : 0;
    let b = this.bayIndex.get(low, high);
    if (b < 0) {
      const t = words.slice(at, at + this.model.width), from = this.model.airlocksAt;
      t[from >>> 5] &= (from & 31) === 0 ? 0 : (2 ** (from & 31) - 1);
      for (let k = (from >>> 5) + 1; k < t.length; k++) t[k] = 0;
      b = this.bays.length;
      this.bays.push(new BayPart(t));
      this.bayIndex.set(low, high, b);
    }
    return b;
  }

  /**
   * Reads the parts of the state in `words[at…]` into `codes` and `airs`, learning from the loaded state what is not
   * known yet. Returns its bay part's index, or ~index when it loaded the state into the model.
   */
  prepare(words: Uint32Array, at: number): number {
    const model = this.model, b = this.bayOf(words, at), bay = this.bays[b];
    let loaded = false;
    if (bay.events === undefined) { model.load(words, at, true); loaded = true; this.learnBay(bay); }
    for (let p = 0; p < this.codes.length; p++) {
      const c = model.airlockCode(words, at, p);
      const k = this.airIndex.get(b, c);
      let a: AirlockPart;
      if (k >= 0) a = this.airParts[k];
      else {
        if (!loaded) { model.load(words, at, true); loaded = true; }
        a = this.learnAirlock(bay, p);
        this.airIndex.set(b, c, this.airParts.length);
        this.airParts.push(a);
      }
      this.codes[p] = c; this.airs[p] = a;
    }
    return loaded ? ~b : b;
  }

  /** The part of airlock code `c` beside bay part `b`, if known. */
  airlock(b: number, c: number): AirlockPart | undefined { const k = this.airIndex.get(b, c); return k < 0 ? undefined : this.airParts[k]; }

  private learnBay(bay: BayPart): void {
    const model = this.model, list = this.list;
    list.clear();
    bayEvents(model, list);
    bay.events = list.codes.slice(0, list.length);
    let f = false;
    for (let k = 0; k < list.length; k++) f ||= isFinish(list.codes[k]);
    bay.finishes = f;
    bay.next = new Int32Array(list.length).fill(UNKNOWN);
    bay.clean = bayPartClean(model);
    bay.deckMet = deckSettled(model);
    bay.vacuous = airlocksVacuous(model);
  }

  private learnAirlock(bay: BayPart, p: number): AirlockPart {
    const model = this.model, list = this.list;
    list.clear();
    airlockEvents(model, list, p);
    const events = list.codes.slice(0, list.length);
    for (let k = 0; k < events.length; k++) events[k] &= ~SLOT_BITS;
    return new AirlockPart(events, airlockPartClean(model, p), airlockSettled(model, p), bay.events!.length);
  }
}

/** Airlock event `e` (slot cleared) as airlock `p`'s. */
export const atAirlock = (e: number, p: number): number => e | ((FIRST_AIRLOCK + p) << 4);
