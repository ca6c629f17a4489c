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

/**
 * For each of `bits`, the states where that bit of the store's flags is the goal; undefined when every state surely
 * meets it. The graph is built once for every bit. The edges come in one list, recorded source by source in state
 * order, or in several (one per thread of a shared search), each holding every edge of the sources it has.
 */
export function waitingStates(store: StateStore, lists: Edges | Edges[], bits: readonly number[]): (Waiting | undefined)[] {
  const n = store.size, all = Array.isArray(lists) ? lists : [lists];
  let m = 0;
  const outStart = new Int32Array(n + 1), inStart = new Int32Array(n + 1);
  for (const edges of all) {
    for (let k = 0; k < edges.length; k++) { outStart[edges.from[k] + 1]++; inStart[edges.to[k] + 1]++; }
    m += edges.length;
  }
  for (let i = 0; i < n; i++) { outStart[i + 1] += outStart[i]; inStart[i + 1] += inStart[i]; }
  const into = new Int32Array(m), fill = inStart.slice(0, n);
  for (const edges of all) for (let k = 0; k < edges.length; k++) into[fill[edges.to[k]]++] = edges.from[k];
  // One list is already in source order; several are sorted into one (each source's edges are in one list), when a
  // path is wanted.
  let outTo: Int32Array | undefined = all.length === 1 ? all[0].to : undefined;
  const sorted = () => {
    if (outTo) return outTo;
    const to = new Int32Array(m), at = outStart.slice(0, n);
    for (const edges of all) for (let k = 0; k < edges.length; k++) to[at[edges.from[k]]++] = edges.to[k];
    return (outTo = to);
  };

  const remaining = new Int32Array(n), sure = new Uint8Array(n), queue = new Int32Array(n), flags = store.flags;
  return bits.map((bit) => {
    let head = 0, tail = 0;
    for (let i = 0; i < n; i++) {
      remaining[i] = outStart[i + 1] - outStart[i];
      sure[i] = 0;
      if (flags[i] & bit) { sure[i] = 1; queue[tail++] = i; }
    }
    // A state surely meets the goal once every progress step from it leads to one that surely does.
    while (head < tail) {
      const t = queue[head++];
      for (let k = inStart[t]; k < inStart[t + 1]; k++) {
        const s = into[k];
        if (!sure[s] && --remaining[s] === 0) { sure[s] = 1; queue[tail++] = s; }
      }
    }
    if (tail === n) return undefined;
    let from = 0;
    while (sure[from]) from++;
    return { from, count: n - tail, ...lasso(from, sorted(), outStart, sure) };
  });
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
