// The check's findings as counterexamples: shortest traces on concrete airlocks, in words and as data.
import type { CheckResult, Found } from './check';
import { safetyFindings } from './properties';
import { formatTrace, pathTo, picture, replay, type TraceStep } from './trace';

export interface Violation {
  property: string;
  level: 'logic' | 'physical' | 'liveness';
  detail: string;
  /** How many reachable states show it (liveness: how many may wait forever). */
  states: number;
  start: Pick<TraceStep, 'states' | 'world'>;
  trace: TraceStep[];
  /** Liveness: the step after which the waiting loops back to the state after step `loopsTo` (0: the start). */
  loopsTo?: number;
  /** Liveness: steps before this index lead to the state from which the goal may never be met. */
  waitsFrom?: number;
  /** The trace in words. */
  text: string;
}

export function violations(result: CheckResult): Violation[] {
  return result.found.map((f) => counterexample(result, f));
}

function counterexample(result: CheckResult, f: Found): Violation {
  const { model, store } = result, prefix = pathTo(store, f.state);
  const path = f.waiting ? [...prefix, ...f.waiting.path.slice(1)] : f.into !== undefined ? [...prefix, f.into] : prefix;
  model.load(store.words, path[0] * store.width);
  const start = picture(model);
  const trace = replay(model, store, path, f.into !== undefined);
  let detail = f.finding.detail, loopsTo: number | undefined;
  if (f.into !== undefined) detail = model.impossible[0] ?? detail;
  else if (f.finding.level !== 'liveness') {
    // Re-read on the concrete airlocks, so the words name the airlock the trace uses.
    const same = safetyFindings(model).find((x) => x.property === f.finding.property && x.level === f.finding.level);
    if (same) detail = same.detail;
  } else if (f.waiting?.loopsAt !== undefined) loopsTo = prefix.length - 1 + f.waiting.loopsAt;
  const head = `${f.finding.property} (${f.finding.level}): ${detail}`;
  const waitsFrom = f.waiting ? prefix.length - 1 : undefined;
  const note = waitsFrom !== undefined ? `\n  (from the state after step ${waitsFrom}, only progress events follow)` : '';
  return {
    property: f.finding.property, level: f.finding.level, detail, states: f.count, start, trace, loopsTo, waitsFrom,
    text: `${head}\n${formatTrace(start, trace, loopsTo)}${note}`,
  };
}
