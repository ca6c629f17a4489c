// The exhaustive check: breadth-first over every state the composed system can reach under every order of the
// world's events, safety checked in each state, then liveness over the progress transitions.
import * as events from './events';
import { progressGraph, sureStates, waitingFor, waitingStates, type ProgressGraph, type Waiting } from './liveness';
import { Model, type ModelOptions } from './model';
import { AIR_EV, atAirlock, BAY_EV, CLEAN, DECK_MET, EV_COUNT, EV_START, FINISHES, FLAGS, HEAD, Parts, SETTLED, UNDER, UNKNOWN, VACUOUS, WHOLE } from './parts';
import { airlocksSettled, deckSettled, safetyFindings, type Finding } from './properties';
import { enabledEvents, apply } from './step';
import { ABORT, ARRIVED, CURSOR, DEPTH, DONE, EdgeList, GENERATION, LEVEL_END, MAX_THREADS, SIZE, StateStore, STOP, type SharedBuffers } from './store';

export interface CheckOptions extends ModelOptions {
  /** Stop exploring after this many states (the run is then incomplete, and liveness is not checked). */
  maxStates?: number;
  /** Stop at the first safety violation. */
  stopAtFirst?: boolean;
  /** Check liveness (default true; needs the whole state space). */
  liveness?: boolean;
  /** Called now and then while exploring. */
  onProgress?(p: Progress): void;
  /**
   * Transitions by parts (verify/parts.ts): run the machines once per bay part, airlock part and event, and
   * compose the other successors from what was learned (default true). Off: every transition runs the machines.
   */
  parts?: boolean;
  /** With parts: every N-th composed transition and new state is also run on the whole state and compared (default 4096; 1: all). */
  selfCheck?: number;
}

export interface Progress { states: number; explored: number; transitions: number; depth: number; seconds: number }

/** A violated property, with the state where it first shows (breadth first: reached by a shortest path). */
export interface Found {
  finding: Finding | { property: string; level: 'liveness'; detail: string };
  state: number;
  /** Liveness: the states from `state` on, following progress only, that never meet the goal (ends in a loop or a stop). */
  waiting?: Waiting;
  /** How many states (or, for liveness, waiting states) show the same property. */
  count: number;
  /** An impossible event on the step from `state` into this (already known) state. */
  into?: number;
}

export interface CheckResult {
  model: Model;
  store: StateStore;
  states: number;
  /** The states without symmetry: each canonical state stands for every ordering of its airlocks. */
  concreteStates: number;
  transitions: number;
  seconds: number;
  depth: number;
  complete: boolean;
  found: Found[];
}

const DECK_GOAL_MET = 1, AIRLOCK_GOALS_MET = 2;
// Module-level copies: under the tsx loader every use of an imported binding is a call.
const { BOOTED, EventList, FINISH, isProgress, kindOf } = events;
const isFinish = (e: number) => kindOf(e) === FINISH || kindOf(e) === BOOTED;

/**
 * The goal a shared search hands to the other thread (`livenessShared`): the deck's, whose fixpoint is the cheaper
 * (four airlocks: 5.2 s of CPU against 6.9 s), since that thread starts it only after its own runs, while this one
 * starts as soon as the graph is built.
 */
const LENT = 0;
const LIVENESS = [
  [DECK_GOAL_MET, 'deck liveness', 'the deck never meets its goal, though only progress events happen'],
  [AIRLOCK_GOALS_MET, 'airlock liveness', 'an airlock never reaches its goal, though only progress events happen'],
] as const;

export function check(options: CheckOptions = {}): CheckResult {
  const started = Date.now(), search = new Search(options), { model, store } = search;
  const maxStates = options.maxStates ?? Infinity;
  let depth = 0, levelEnd = 1, complete = true, lastReport = started, current = 0;
  // In batches that stay within a level (so each level ends where it did), one state at a time when the run may stop.
  const batch = maxStates === Infinity && !options.stopAtFirst ? BATCH : 1;
  for (let to = current; current < store.size; current = to) {
    if (current === levelEnd) { depth++; levelEnd = store.size; }
    if (store.size >= maxStates || (options.stopAtFirst && search.found.size > 0)) { complete = false; break; }
    to = Math.min(current + batch, levelEnd);
    search.expand(current, to);
    if (((current ^ to) & ~1023) !== 0 && options.onProgress && Date.now() - lastReport > 100) {
      lastReport = Date.now();
      options.onProgress({ states: store.size, explored: current, transitions: search.transitions, depth, seconds: (lastReport - started) / 1000 });
    }
  }
  search.release();
  if (complete && options.liveness !== false) search.liveness([]);
  return result(search, options, started, depth, complete);
}

// The orderings the canonical states stand for, and the result (liveness, if any, already recorded).
function result(search: Search, options: CheckOptions, started: number, depth: number, complete: boolean): CheckResult {
  const { model, store } = search;
  const seconds = (Date.now() - started) / 1000, transitions = search.transitions;
  options.onProgress?.({ states: store.size, explored: store.size, transitions, depth, seconds });
  const concreteStates = model.options.symmetry ? orbits(model, store) : store.size;
  return { model, store, states: store.size, concreteStates, transitions, seconds, depth, complete, found: [...search.found.values()] };
}

/** What a helper thread of a shared search hands the first thread: its transitions, findings and progress edges. */
export interface ThreadPart { transitions: number; found: Found[]; from: Int32Array; to: Int32Array; edges: number }

/** One thread's side of a search shared by `threads` threads over one store (`sharedBuffers`). */
export interface SharedSearch {
  /** A helper's (role > 0) share, to hand to the first thread (its arrays may be transferred). */
  part(): ThreadPart;
  /**
   * The first thread (role 0): the result, with every helper's part. With `helper`, the liveness goals are shared: the
   * deck's is handed to `helper` (another thread, `livenessShare`) while this thread decides the others.
   */
  finish(parts: ThreadPart[], helper?: LivenessHelper): Promise<CheckResult>;
}

/** The progress graph as another thread receives it: every array in a SharedArrayBuffer. */
export interface SharedGraph { n: number; m: number; outStart: SharedArrayBuffer; inStart: SharedArrayBuffer; into: SharedArrayBuffer }
/** What another thread found for one liveness goal: how many states may wait, and the first; undefined when none. */
export type LivenessShare = { count: number; from: number } | undefined;
/** Hands goal `bit` over the graph to another thread; resolves with what it found (`livenessShare`). */
export type LivenessHelper = (graph: SharedGraph, bit: number) => Promise<LivenessShare>;

/** Another thread's share of a shared search's liveness: goal `bit` of the store's `flags`, over `graph`. */
export function livenessShare(graph: SharedGraph, flags: SharedArrayBuffer, bit: number): LivenessShare {
  const g: ProgressGraph = { n: graph.n, m: graph.m, outStart: new Int32Array(graph.outStart), inStart: new Int32Array(graph.inStart), into: new Int32Array(graph.into) };
  const { count, from } = sureStates(g, new Uint8Array(flags), bit);
  return count === 0 ? undefined : { count, from };
}

const CHUNK = 256;
/** States planned together (`expandByParts`), and the most events a state may have (the bay's and every airlock's). */
const BATCH = 16, MAX_EVENTS = 256;

/**
 * The breadth-first search shared by `threads` threads, each running this with its own role (0 first) on the same
 * buffers: level by level, each thread takes the states of the level in chunks, expands them with its own model and
 * parts, and adds their successors to the shared store; at the end of a level every thread waits for the others, so
 * every state is found at its least depth (each counterexample is a shortest one) and the counts are exact, as in
 * `check`. Only the order of the states' indices depends on the threads' timing. `Atomics.wait` blocks: run it on
 * worker threads (scripts/verify.ts).
 */
export function searchShared(options: CheckOptions, buffers: SharedBuffers, role: number, threads: number): SharedSearch {
  if (threads > MAX_THREADS) throw new Error(`verify: a shared search takes at most ${MAX_THREADS} threads`);
  const started = Date.now(), control = new Int32Array(buffers.control), maxStates = options.maxStates ?? Infinity;
  // A thread that fails tells the others, which would otherwise wait for it at the end of a level.
  const abort = (e: unknown) => { Atomics.store(control, ABORT, 1); Atomics.notify(control, GENERATION); return e; };
  let search: Search;
  try { search = new Search(options, buffers, role); } catch (e) { throw abort(e); }
  const { store } = search;
  let lastReport = started;
  // The last thread to reach the end of a level opens the next one (or ends the search).
  // Each thread tells the unused indices of its block; the last closes the gaps (`StateStore.compact`); then each
  // renumbers the states it holds that were moved.
  const barrier = () => {
    const generation = Atomics.load(control, GENERATION);
    store.endLevel(role);
    if (Atomics.add(control, ARRIVED, 1) === threads - 1) {
      Atomics.store(control, ARRIVED, 0);
      store.compact(threads);
      const start = Atomics.load(control, LEVEL_END), end = Atomics.load(control, SIZE);
      if (start === end || Atomics.load(control, STOP) !== 0) Atomics.store(control, DONE, 1);
      else { Atomics.store(control, CURSOR, start); Atomics.store(control, LEVEL_END, end); Atomics.add(control, DEPTH, 1); }
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
    } else {
      while (Atomics.load(control, GENERATION) === generation) {
        if (Atomics.load(control, ABORT) !== 0) throw new Error('verify: another thread of the shared search failed');
        Atomics.wait(control, GENERATION, generation, 250);
      }
    }
    search.renumber();
  };
  try {
    barrier();
    while (Atomics.load(control, DONE) === 0) {
      const end = Atomics.load(control, LEVEL_END);
      for (;;) {
        const from = Atomics.add(control, CURSOR, CHUNK);
        if (from >= end || Atomics.load(control, STOP) !== 0) break;
        search.expand(from, Math.min(from + CHUNK, end));
        if (Atomics.load(control, SIZE) >= maxStates || (options.stopAtFirst && search.found.size > 0)) Atomics.store(control, STOP, 1);
        if (role === 0 && options.onProgress && Date.now() - lastReport > 100) {
          lastReport = Date.now();
          options.onProgress({ states: Atomics.load(control, SIZE), explored: Math.min(from + CHUNK, end), transitions: search.transitions * threads, depth: Atomics.load(control, DEPTH), seconds: (lastReport - started) / 1000 });
        }
      }
      barrier();
    }
  } catch (e) { throw abort(e); }
  search.release();
  store.size = Atomics.load(control, SIZE);
  const complete = Atomics.load(control, STOP) === 0;
  return {
    part: () => ({ transitions: search.transitions, found: [...search.found.values()], ...search.edgeArrays() }),
    finish: async (parts, helper) => {
      // Liveness over every thread's progress edges: here alone, or one goal with `helper`.
      for (const o of parts) { search.transitions += o.transitions; search.merge(o.found); }
      const others = parts.map((o) => ({ from: o.from, to: o.to, length: o.edges }));
      if (complete && options.liveness !== false) {
        if (helper) await search.livenessShared(others, helper); else search.liveness(others);
      }
      return result(search, options, started, Atomics.load(control, DEPTH), complete);
    },
  };
}

/** The breadth-first search's working parts: one model, the visited states, the progress edges, the findings. */
class Search {
  readonly model: Model;
  readonly store: StateStore;
  readonly found = new Map<string, Found>();
  transitions = 0;
  private readonly edges = new EdgeList();
  /** Where the edges of the level being searched begin (a shared search renumbers them at its end). */
  private levelEdges = 0;
  /** The store is shared with other threads (`searchShared`). */
  private readonly shared: boolean;
  private readonly list = new EventList();
  private readonly scratch: Uint32Array;
  private current = 0;
  private parts: Parts | undefined;
  private readonly selfCheck: number;
  private composed = 0;
  private visited = 0;
  private readonly check: Uint32Array;
  // A batch's events (all its states'), and per state of the batch: its bay part, where its events start, its airlock
  // codes and parts as `Parts.prepare` read them.
  private readonly evts = new Int32Array(BATCH * MAX_EVENTS);
  private readonly owner = new Int32Array(BATCH * MAX_EVENTS);
  private readonly index = new Int32Array(BATCH * MAX_EVENTS);
  private readonly batchBay = new Int32Array(BATCH);
  private readonly batchStart = new Int32Array(BATCH + 1);
  private readonly batchCodes: Int32Array;
  private readonly batchAirs: Int32Array;
  private readonly nextCodes: number[];
  /** A state's composed successors (words, hash, bay part, airlock codes sorted), held until they are added. */
  private readonly succ: Uint32Array;
  private readonly hashes = new Int32Array(BATCH * MAX_EVENTS);
  private readonly nbs = new Int32Array(BATCH * MAX_EVENTS);
  /** Per planned successor: 1 when it is the state itself (its bay part and every airlock code unchanged). */
  private readonly loops = new Uint8Array(BATCH * MAX_EVENTS);
  private readonly sorted: Int32Array;
  /** What `StateStore.touch` read: kept only so the reads are not optimised away. */
  touched = 0;
  // Airlock i is the twin of i − 1 (same code, airlocks sorted): its events lead to mirror images, left out.
  private readonly twin = (i: number) => i > 0 && this.model.options.symmetry
    && this.model.airlockCode(this.store.words, this.current * this.store.width, i) === this.model.airlockCode(this.store.words, this.current * this.store.width, i - 1);

  constructor(options: CheckOptions, buffers?: SharedBuffers, role = 0) {
    this.model = new Model(options);
    if (buffers && buffers.width !== this.model.width) throw new Error(`verify: the shared store holds ${buffers.width}-word states, the model ${this.model.width}`);
    this.store = new StateStore(this.model.width, buffers);
    this.shared = buffers !== undefined;
    this.scratch = new Uint32Array(this.model.width);
    this.check = new Uint32Array(this.model.width);
    this.nextCodes = this.model.letters.map(() => 0);
    this.succ = new Uint32Array(BATCH * MAX_EVENTS * this.model.width);
    this.sorted = new Int32Array(BATCH * MAX_EVENTS * this.model.letters.length);
    this.batchCodes = new Int32Array(BATCH * this.model.letters.length);
    this.batchAirs = new Int32Array(BATCH * this.model.letters.length);
    // By parts only while every airlock runs the same code: a part then behaves the same in whichever airlock holds it.
    this.parts = options.parts !== false && this.model.alike ? new Parts(this.model) : undefined;
    this.selfCheck = options.selfCheck ?? 4096;
    // The first state: added by the first thread alone.
    if (role > 0) return;
    this.model.save(this.scratch, 0, true);
    this.add(this.scratch, -1, -1);
    this.visit(0);
  }

  // The scratch state's index, added with its parent and event if new; `~index` if already known.
  private add(src: Uint32Array, parent: number, e: number): number {
    return this.shared ? this.store.addShared(src, 0, parent, e) : this.store.add(src, 0, parent, e);
  }

  /** This thread's progress edges, trimmed to their length. */
  edgeArrays(): { from: Int32Array; to: Int32Array; edges: number } {
    const e = this.edges;
    return { from: e.from.slice(0, e.length), to: e.to.slice(0, e.length), edges: e.length };
  }

  /** Another thread's findings: the first (the least index: breadth first, the least depth) of each, counts added. */
  merge(found: Found[]): void {
    for (const f of found) {
      const key = `${f.finding.property}|${f.finding.level}`, known = this.found.get(key);
      if (!known) this.found.set(key, f);
      else if (f.state < known.state) this.found.set(key, { ...f, count: f.count + known.count });
      else known.count += f.count;
    }
  }

  /** Every successor of states from…to−1. */
  expand(from: number, to = from + 1): void {
    if (!this.parts) { for (let i = from; i < to; i++) this.expandWhole(i); return; }
    for (let i = from; i < to; i += BATCH) this.expandByParts(i, Math.min(i + BATCH, to));
  }

  /**
   * After a level's end closed the gaps of a shared store (`StateStore.compact`): the states this thread holds by index
   * since the level began (its edges' targets, its findings) that were moved, renumbered. Only states of the level
   * just found move, each from past the store's new size to below it (read from the moves: by now another thread may
   * have taken indices for the next level).
   */
  renumber(): void {
    const store = this.store, to = this.edges.to, size = store.moves![1];
    if (store.moves![0] > 0) {
      for (let k = this.levelEdges; k < this.edges.length; k++) if (to[k] >= size) to[k] = store.renumbered(to[k]);
      for (const f of this.found.values()) {
        f.state = store.renumbered(f.state);
        if (f.into !== undefined) f.into = store.renumbered(f.into);
      }
    }
    this.levelEdges = this.edges.length;
  }

  /** Frees what only the search needed (the learned parts). */
  release(): void { this.parts = undefined; }

  private expandWhole(i: number): void {
    const { model, store, list, scratch } = this;
    const at = i * store.width;
    this.current = i;
    model.load(store.words, at, true);
    enabledEvents(model, list, this.twin);
    for (let k = 0; k < list.length; k++) {
      const e = list.codes[k];
      if (k > 0) model.load(store.words, at, true);
      apply(model, e);
      model.save(scratch, 0, true);
      this.transitions++;
      const r = this.add(scratch, i, e), next = r >= 0 ? r : ~r;
      if (isProgress(e)) this.edges.push(i, next);
      if (r >= 0) this.visit(next);
      else if (model.impossible.length) this.record(model.impossible.map((detail) => ({ property: 'impossible event', level: 'logic', detail })), i, next);
    }
  }

  // By parts: the events from the parts' lists, each successor composed from what its event does to each part;
  // an event not learned yet (or that needs the whole state) is run on the whole state, and learned from.
  // States from…to−1 (at most BATCH) are planned together: first every composed successor of each and its hash, then a
  // read of each one's slot in the visited set (the cache misses of the whole batch overlap), then the adds, state by
  // state in the events' order: the same adds as one event at a time, so the states are numbered the same.
  private expandByParts(from: number, to: number): void {
    const { store } = this, parts = this.parts!, n = parts.codes.length, width = store.width;
    const succ = this.succ, hashes = this.hashes, nbs = this.nbs, loops = this.loops, evts = this.evts, owner = this.owner, index = this.index;
    const batchBay = this.batchBay, batchStart = this.batchStart, batchCodes = this.batchCodes, batchAirs = this.batchAirs;
    let m = 0;
    for (let i = from; i < to; i++) {
      const q = i - from, prepared = parts.prepare(store.words, i * width), b = prepared < 0 ? ~prepared : prepared;
      batchBay[q] = b; batchStart[q] = m;
      for (let p = 0; p < n; p++) { batchCodes[q * n + p] = parts.codes[p]; batchAirs[q * n + p] = parts.airs[p]; }
      const end = this.events(b, m);
      for (let j = m; j < end; j++) nbs[j] = this.plan(j, b);
      m = end;
    }
    batchStart[to - from] = m;
    let touched = 0;
    for (let j = 0; j < m; j++) if (nbs[j] >= 0 && loops[j] === 0) touched ^= store.touch(hashes[j]);
    this.touched ^= touched;
    for (let i = from; i < to; i++) {
      const q = i - from, b = batchBay[q], at = i * width;
      for (let p = 0; p < n; p++) { parts.codes[p] = batchCodes[q * n + p]; parts.airs[p] = batchAirs[q * n + p]; }
      for (let j = batchStart[q]; j < batchStart[q + 1]; j++) {
        const e = evts[j];
        // Not learned when planned: an event run whole since may have taught it (an airlock part twice in a state).
        let nb = nbs[j];
        if (nb === UNKNOWN) nb = this.plan(j, b);
        if (nb < 0) { this.whole(i, e, owner[j], index[j], b, nb === WHOLE); continue; }
        if (this.selfCheck > 0 && ++this.composed % this.selfCheck === 0) this.compare(i, e, loops[j] !== 0 ? store.words.subarray(at, at + width) : succ.subarray(j * width, (j + 1) * width));
        this.transitions++;
        // A successor that is the state itself is known without a probe of the visited set (about a sixth of them).
        const r = loops[j] !== 0 ? ~i : this.shared ? store.addSharedHashed(succ, j * width, hashes[j], i, e) : store.addHashed(succ, j * width, hashes[j], i, e), t = r >= 0 ? r : ~r;
        if (isProgress(e)) this.edges.push(i, t);
        if (r >= 0) {
          const next = this.nextCodes;
          for (let p = 0; p < n; p++) next[p] = this.sorted[j * n + p];
          this.visitByParts(t, nb, next);
        }
      }
    }
  }

  // The prepared state's events from evts[m] on, in enabledEvents' order: the bay's, then each airlock's but a twin's;
  // with a prompt scan, only the finishes. Returns where they end.
  private events(b: number, m: number): number {
    const parts = this.parts!, codes = parts.codes, airs = parts.airs, n = codes.length, symmetry = this.model.options.symmetry;
    const bayHead = parts.bayHead, airHead = parts.airHead;
    let prompt = false;
    if (this.model.options.promptScan) {
      prompt = (bayHead[b * HEAD + FLAGS] & FINISHES) !== 0;
      for (let p = 0; p < n && !prompt; p++) if (!(symmetry && p > 0 && codes[p] === codes[p - 1])) prompt = (airHead[airs[p] * HEAD + FLAGS] & FINISHES) !== 0;
    }
    const evts = this.evts, owner = this.owner, index = this.index, bayEv = parts.bayEv, airEv = parts.airEv;
    const bayStart = bayHead[b * HEAD + EV_START], bayCount = bayHead[b * HEAD + EV_COUNT];
    for (let k = 0; k < bayCount; k++) {
      const e = bayEv[(bayStart + k) * BAY_EV];
      if (prompt && !isFinish(e)) continue;
      evts[m] = e; owner[m] = -1; index[m++] = k;
    }
    for (let p = 0; p < n; p++) {
      if (symmetry && p > 0 && codes[p] === codes[p - 1]) continue;
      const start = airHead[airs[p] * HEAD + EV_START], count = airHead[airs[p] * HEAD + EV_COUNT];
      for (let k = 0; k < count; k++) {
        const e = airEv[(start + k) * AIR_EV];
        if (prompt && !isFinish(e)) continue;
        evts[m] = atAirlock(e, p); owner[m] = p; index[m++] = k;
      }
    }
    return m;
  }

  // The j-th event's successor, if its parts have learned it: composed into succ (its hash, its airlock codes sorted);
  // the bay part after it, or UNKNOWN or WHOLE (then nothing is composed). When the event leaves bay part `b` and every
  // airlock code as they are, the successor is the state itself: marked in `loops`, and neither composed nor hashed.
  private plan(j: number, b: number): number {
    const parts = this.parts!, codes = parts.codes, airs = parts.airs, n = codes.length, next = this.nextCodes;
    const o = this.owner[j], k = this.index[j], at = j * this.store.width;
    let nb: number;
    for (let p = 0; p < n; p++) next[p] = codes[p];
    if (o < 0) {
      nb = parts.bayEv[(parts.bayHead[b * HEAD + EV_START] + k) * BAY_EV + 1];
      const airHead = parts.airHead, under = parts.airUnder;
      for (let p = 0; p < n && nb >= 0; p++) { const c = under[airHead[airs[p] * HEAD + UNDER] + k]; if (c === UNKNOWN) nb = UNKNOWN; else next[p] = c; }
    } else {
      const e = (parts.airHead[airs[o] * HEAD + EV_START] + k) * AIR_EV;
      nb = parts.airEv[e + 1];
      next[o] = parts.airEv[e + 2];
    }
    if (nb < 0) return nb;
    let same = nb === b;
    for (let p = 0; p < n && same; p++) same = next[p] === codes[p];
    this.loops[j] = same ? 1 : 0;
    if (same) return nb;
    this.model.compose(this.succ, at, parts.templates, nb * this.store.width, next);
    for (let p = 0; p < n; p++) this.sorted[j * n + p] = next[p];
    this.hashes[j] = this.store.hash(this.succ, at);
    return nb;
  }

  // Runs event e on the whole state i, as expandWhole does, and learns what it did to each part.
  private whole(i: number, e: number, o: number, k: number, b: number, always: boolean): void {
    const { model, store, scratch } = this, parts = this.parts!, at = i * store.width;
    model.load(store.words, at, true);
    apply(model, e);
    model.save(scratch, 0, true);
    this.transitions++;
    if (!always) {
      const nb = parts.bayOf(scratch, 0), codes = parts.codes, airs = parts.airs, airHead = parts.airHead;
      const bayAt = (parts.bayHead[b * HEAD + EV_START] + k) * BAY_EV + 1, airAt = o < 0 ? 0 : (airHead[airs[o] * HEAD + EV_START] + k) * AIR_EV;
      if (model.impossible.length > 0) { if (o < 0) parts.bayEv[bayAt] = WHOLE; else parts.airEv[airAt + 1] = WHOLE; }
      else if (o < 0) {
        parts.bayEv[bayAt] = nb;
        for (let p = 0; p < codes.length; p++) parts.airUnder[airHead[airs[p] * HEAD + UNDER] + k] = model.liveCode(p);
      } else {
        let alone = true;
        for (let p = 0; p < codes.length; p++) if (p !== o && model.liveCode(p) !== codes[p]) alone = false;
        parts.airEv[airAt + 1] = alone ? nb : WHOLE;
        parts.airEv[airAt + 2] = model.liveCode(o);
      }
    }
    const r = this.add(scratch, i, e), next = r >= 0 ? r : ~r;
    if (isProgress(e)) this.edges.push(i, next);
    if (r >= 0) this.visit(next);
    else if (model.impossible.length) this.record(model.impossible.map((detail) => ({ property: 'impossible event', level: 'logic', detail })), i, next);
    // `prepare` read this state's parts into parts.codes and parts.airs; a new bay part learned above may not disturb them.
  }

  // A new state composed from parts: its verdicts from its parts', learned from it when a pair of parts is new.
  private visitByParts(s: number, b: number, codes: number[]): void {
    const parts = this.parts!, store = this.store;
    let known = parts.learned(b), flagsAnd = known ? parts.bayHead[b * HEAD + FLAGS] | SETTLED : 0;
    for (let p = 0; p < codes.length && known; p++) {
      const a = parts.airlock(b, codes[p]);
      if (a < 0) known = false;
      else flagsAnd &= parts.airHead[a * HEAD + FLAGS] | DECK_MET | VACUOUS;
    }
    const clean = (flagsAnd & CLEAN) !== 0, settled = (flagsAnd & SETTLED) !== 0;
    const checkNow = this.selfCheck > 0 && ++this.visited % this.selfCheck === 0;
    if (!known || !clean || checkNow) {
      // Learn the parts from the state itself (prepare loads it), then judge it whole.
      const codesBefore = parts.codes.slice(), airsBefore = parts.airs.slice();
      parts.prepare(store.words, s * store.width);
      const bayFlags = parts.bayHead[b * HEAD + FLAGS];
      let partsClean = (bayFlags & CLEAN) !== 0, partsSettled = true;
      for (let p = 0; p < codes.length; p++) { const f = parts.airHead[parts.airs[p] * HEAD + FLAGS]; partsClean &&= (f & CLEAN) !== 0; partsSettled &&= (f & SETTLED) !== 0; }
      this.model.load(store.words, s * store.width, true);
      this.visit(s);
      const flags = ((bayFlags & DECK_MET) !== 0 ? DECK_GOAL_MET : 0) | ((bayFlags & VACUOUS) !== 0 || partsSettled ? AIRLOCK_GOALS_MET : 0);
      const wholeClean = safetyFindings(this.model).length === 0;
      if (flags !== store.flags[s] || partsClean !== wholeClean) {
        throw new Error(`verify: judged by parts, state ${s} ${partsClean ? 'breaks no property' : 'breaks a property'} with liveness flags ${flags}; judged whole, ${wholeClean ? 'none' : 'some'} with ${store.flags[s]}: the parts are not independent (run with --whole)`);
      }
      for (let p = 0; p < codesBefore.length; p++) { parts.codes[p] = codesBefore[p]; parts.airs[p] = airsBefore[p]; }
      return;
    }
    store.flags[s] = ((flagsAnd & DECK_MET) !== 0 ? DECK_GOAL_MET : 0) | ((flagsAnd & VACUOUS) !== 0 || settled ? AIRLOCK_GOALS_MET : 0);
  }

  // The self-check: the composed successor of state i by event e must be the one the machines reach on the whole state.
  private compare(i: number, e: number, composed: Uint32Array): void {
    const { model, store } = this, whole = this.check;
    model.load(store.words, i * store.width, true);
    apply(model, e);
    model.save(whole, 0, true);
    for (let k = 0; k < whole.length; k++) {
      if (whole[k] !== composed[k]) throw new Error(`verify: event ${e} from state ${i} composed by parts differs from the machines' own successor: the parts are not independent (run with --whole)`);
    }
  }

  liveness(others: Pick<EdgeList, 'from' | 'to' | 'length'>[]): void {
    this.recordWaiting(waitingStates(this.store, others.length ? [this.edges, ...others] : this.edges, LIVENESS.map(([bit]) => bit)));
  }

  /**
   * Liveness on two threads: the graph is built here in shared buffers, one goal (LENT) handed to `helper` and the
   * others decided here meanwhile. A goal the helper finds unmet is decided again here, for its path (only when a
   * property fails), so the finding is the same as on one thread.
   */
  async livenessShared(others: Pick<EdgeList, 'from' | 'to' | 'length'>[], helper: LivenessHelper): Promise<void> {
    const lists = [this.edges, ...others], flags = this.store.flags, g = progressGraph(this.store.size, lists, true);
    const lent = LENT, buffer = (a: Int32Array) => a.buffer as SharedArrayBuffer;
    const away = helper({ n: g.n, m: g.m, outStart: buffer(g.outStart), inStart: buffer(g.inStart), into: buffer(g.into) }, LIVENESS[lent][0]);
    const waiting = LIVENESS.map(([bit], k) => (k === lent ? undefined : waitingFor(g, lists, flags, bit)));
    if (await away) waiting[lent] = waitingFor(g, lists, flags, LIVENESS[lent][0]);
    this.recordWaiting(waiting);
  }

  private recordWaiting(waiting: (Waiting | undefined)[]): void {
    LIVENESS.forEach(([, property, detail], k) => {
      const w = waiting[k];
      if (w) this.found.set(property, { finding: { property, level: 'liveness', detail }, state: w.from, waiting: w, count: w.count });
    });
  }


  // A new state, loaded in the model: its liveness goals, and every invariant it breaks.
  private visit(i: number): void {
    const model = this.model;
    this.store.flags[i] = (deckSettled(model) ? DECK_GOAL_MET : 0) | (airlocksSettled(model) ? AIRLOCK_GOALS_MET : 0);
    this.record(safetyFindings(model), i);
  }

  private record(findings: Finding[], state: number, into?: number): void {
    for (const f of findings) {
      const key = `${f.property}|${f.level}`, known = this.found.get(key);
      if (known) known.count++; else this.found.set(key, { finding: f, state, count: 1, into });
    }
  }
}

// Each canonical state stands for n! / (k1! k2! …) orderings of its airlocks (k: how many share a code).
function orbits(model: Model, store: StateStore): number {
  const n = model.letters.length, fact = [1, 1, 2, 6, 24], width = store.width;
  let total = 0;
  for (let s = 0; s < store.size; s++) {
    let ways = fact[n], run = 1;
    for (let i = 1; i <= n; i++) {
      if (i < n && model.airlockCode(store.words, s * width, i) === model.airlockCode(store.words, s * width, i - 1)) run++;
      else { ways /= fact[run]; run = 1; }
    }
    total += ways;
  }
  return total;
}
