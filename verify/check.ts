// The exhaustive check: breadth-first over every state the composed system can reach under every order of the
// world's events, safety checked in each state, then liveness over the progress transitions.
import * as events from './events';
import { waitingStates, type Waiting } from './liveness';
import { Model, type ModelOptions } from './model';
import { airlocksSettled, deckSettled, safetyFindings, type Finding } from './properties';
import { enabledEvents, apply } from './step';
import { EdgeList, StateStore } from './store';

export interface CheckOptions extends ModelOptions {
  /** Stop exploring after this many states (the run is then incomplete, and liveness is not checked). */
  maxStates?: number;
  /** Stop at the first safety violation. */
  stopAtFirst?: boolean;
  /** Check liveness (default true; needs the whole state space). */
  liveness?: boolean;
  /** Called now and then while exploring. */
  onProgress?(p: Progress): void;
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
const { EventList, isProgress } = events;

const LIVENESS = [
  [DECK_GOAL_MET, 'deck liveness', 'the deck never meets its goal, though only progress events happen'],
  [AIRLOCK_GOALS_MET, 'airlock liveness', 'an airlock never reaches its goal, though only progress events happen'],
] as const;

export function check(options: CheckOptions = {}): CheckResult {
  const started = Date.now(), search = new Search(options), { model, store } = search;
  const maxStates = options.maxStates ?? Infinity;
  let depth = 0, levelEnd = 1, complete = true, lastReport = started, current = 0;
  for (; current < store.size; current++) {
    if (current === levelEnd) { depth++; levelEnd = store.size; }
    if (store.size >= maxStates || (options.stopAtFirst && search.found.size > 0)) { complete = false; break; }
    search.expand(current);
    if ((current & 1023) === 0 && options.onProgress && Date.now() - lastReport > 100) {
      lastReport = Date.now();
      options.onProgress({ states: store.size, explored: current, transitions: search.transitions, depth, seconds: (lastReport - started) / 1000 });
    }
  }
  if (complete && options.liveness !== false) search.liveness();
  const seconds = (Date.now() - started) / 1000, transitions = search.transitions;
  options.onProgress?.({ states: store.size, explored: current, transitions, depth, seconds });
  const concreteStates = model.options.symmetry ? orbits(model, store) : store.size;
  return { model, store, states: store.size, concreteStates, transitions, seconds, depth, complete, found: [...search.found.values()] };
}

/** The breadth-first search's working parts: one model, the visited states, the progress edges, the findings. */
class Search {
  readonly model: Model;
  readonly store: StateStore;
  readonly found = new Map<string, Found>();
  transitions = 0;
  private readonly edges = new EdgeList();
  private readonly list = new EventList();
  private readonly scratch: Uint32Array;
  private current = 0;
  // Airlock i is the twin of i − 1 (same code, airlocks sorted): its events lead to mirror images, left out.
  private readonly twin = (i: number) => i > 0 && this.model.options.symmetry
    && this.model.airlockCode(this.store.words, this.current * this.store.width, i) === this.model.airlockCode(this.store.words, this.current * this.store.width, i - 1);

  constructor(options: CheckOptions) {
    this.model = new Model(options);
    this.store = new StateStore(this.model.width);
    this.scratch = new Uint32Array(this.model.width);
    this.model.save(this.scratch, 0, true);
    this.store.add(this.scratch, 0, -1, -1);
    this.visit(0);
  }

  /** Every successor of state `i`. */
  expand(i: number): void {
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
      const r = store.add(scratch, 0, i, e), next = r >= 0 ? r : ~r;
      if (isProgress(e)) this.edges.push(i, next);
      if (r >= 0) this.visit(next);
      else if (model.impossible.length) this.record(model.impossible.map((detail) => ({ property: 'impossible event', level: 'logic', detail })), i, next);
    }
  }

  liveness(): void {
    for (const [bit, property, detail] of LIVENESS) {
      const w = waitingStates(this.store, this.edges, bit);
      if (w) this.found.set(property, { finding: { property, level: 'liveness', detail }, state: w.from, waiting: w, count: w.count });
    }
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
