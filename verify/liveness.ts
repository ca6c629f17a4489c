// Liveness over the progress transitions: the states from which every path of progress alone meets a goal
// (a backward fixpoint), and, for the first state that does not, the path on which it waits forever.
import type { EdgeList, StateStore } from './store';

export interface Waiting {
  /** The first state (breadth-first order: a shortest path reaches it) from which the goal may never be met. */
  from: number;
  /** States from `from` on, each a progress step from the one before, never meeting the goal. */
  path: number[];
  /** Where in `path` it loops back to, or undefined when it ends in a state where nothing progresses. */
  loopsAt: number | undefined;
  /** How many reachable states may wait forever. */
  count: number;
}

const MAX_PATH = 200;

type Edges = Pick<EdgeList, 'from' | 'to' | 'length'>;

/** The progress transitions both ways, by state (compressed rows): in buffers another thread can read when `shared`. */
export interface ProgressGraph {
  n: number;
  m: number;
  /** State s's edges are outStart[s] … outStart[s + 1] − 1 in source order, and its in-edges' sources are
   * into[inStart[s] … inStart[s + 1] − 1]. */
  outStart: Int32Array;
  inStart: Int32Array;
  into: Int32Array;
}

const ints = (n: number, shared: boolean) => (shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n));

/**
 * The graph of the progress edges of `n` states. The edges come in one list, recorded source by source in state
 * order, or in several (one per thread of a shared search), each holding every edge of the sources it has.
 */
export function progressGraph(n: number, lists: Edges | Edges[], shared = false): ProgressGraph {
  const all = Array.isArray(lists) ? lists : [lists];
  let m = 0;
  const outStart = ints(n + 1, shared), inStart = ints(n + 1, shared);
  for (const edges of all) {
    for (let k = 0; k < edges.length; k++) { outStart[edges.from[k] + 1]++; inStart[edges.to[k] + 1]++; }
    m += edges.length;
  }
  for (let i = 0; i < n; i++) { outStart[i + 1] += outStart[i]; inStart[i + 1] += inStart[i]; }
  const into = ints(m, shared), fill = inStart.slice(0, n);
  for (const edges of all) for (let k = 0; k < edges.length; k++) into[fill[edges.to[k]]++] = edges.from[k];
  return { n, m, outStart, inStart, into };
}

/**
 * The states that surely meet the goal `bit` of `flags` (1 in `sure`): those where it holds, and those whose every
 * progress step leads to one that surely does (a backward fixpoint). With how many do not, and the first of them.
 * `sure` is made only when some state does not (the path to show needs it).
 *
 * One array of counts holds both what is sure and what is left: a state's count is how many of its successors are
 * not yet sure (0: sure; a state without progress steps that misses the goal is never sure), so each in-edge met
 * reads one random byte, not two arrays. Counts are bytes while every state has fewer than 255 progress steps.
 */
export function sureStates(g: ProgressGraph, flags: Uint8Array, bit: number): { sure: Uint8Array | undefined; count: number; from: number } {
  const { n, outStart, inStart, into } = g;
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, outStart[i + 1] - outStart[i]);
  const never = widest < 255 ? 255 : 0xffffffff, left = widest < 255 ? new Uint8Array(n) : new Uint32Array(n), queue = new Int32Array(n);
  let head = 0, tail = 0;
  for (let i = 0; i < n; i++) {
    if (flags[i] & bit) queue[tail++] = i;
    else { const d = outStart[i + 1] - outStart[i]; left[i] = d === 0 ? never : d; }
  }
  while (head < tail) {
    const t = queue[head++];
    for (let k = inStart[t], end = inStart[t + 1]; k < end; k++) {
      const s = into[k], r = left[s];
      if (r !== 0 && r !== never) { left[s] = r - 1; if (r === 1) queue[tail++] = s; }
    }
  }
  let from = 0;
  while (from < n && left[from] === 0) from++;
  if (tail === n) return { sure: undefined, count: 0, from };
  const sure = new Uint8Array(n);
  for (let i = 0; i < n; i++) sure[i] = left[i] === 0 ? 1 : 0;
  return { sure, count: n - tail, from };
}

/** For goal `bit`: undefined when every state surely meets it; else the first state that may not, and the path on
 * which it waits. `lists` are the edges the graph was built from. */
export function waitingFor(g: ProgressGraph, lists: Edges | Edges[], flags: Uint8Array, bit: number): Waiting | undefined {
  const { sure, count, from } = sureStates(g, flags, bit);
  if (count === 0) return undefined;
  return { from, count, ...lasso(from, outTargets(g, lists), g.outStart, sure!) };
}

/**
 * For each of `bits`, the states where that bit of the store's flags is the goal; undefined when every state surely
 * meets it. The graph is built once for every bit.
 */
export function waitingStates(store: StateStore, lists: Edges | Edges[], bits: readonly number[]): (Waiting | undefined)[] {
  const g = progressGraph(store.size, lists);
  return bits.map((bit) => waitingFor(g, lists, store.flags, bit));
}

// Each state's targets in source order: one list already is; several are sorted into one (each source's edges are in one list).
function outTargets(g: ProgressGraph, lists: Edges | Edges[]): Int32Array {
  if (!Array.isArray(lists)) return lists.to;
  if (lists.length === 1) return lists[0].to;
  const to = new Int32Array(g.m), at = g.outStart.slice(0, g.n);
  for (const edges of lists) for (let k = 0; k < edges.length; k++) to[at[edges.from[k]]++] = edges.to[k];
  return to;
}

// Follows unsure successors (there always is one, or none at all): toward a dead end if it can, else into a loop.
function lasso(from: number, outTo: Int32Array, outStart: Int32Array, sure: Uint8Array) {
  const path = [from], at = new Map([[from, 0]]);
  let s = from;
  while (path.length < MAX_PATH) {
    let next = -1;
    for (let k = outStart[s]; k < outStart[s + 1]; k++) {
      const t = outTo[k];
      if (sure[t]) continue;
      if (outStart[t + 1] === outStart[t]) { next = t; break; }
      if (next < 0 || (at.has(next) && !at.has(t))) next = t;
    }
    if (next < 0) return { path, loopsAt: undefined };
    if (at.has(next)) return { path, loopsAt: at.get(next) };
    at.set(next, path.length); path.push(next); s = next;
  }
  return { path, loopsAt: undefined };
}
