// The runs `npm run verify` makes by default, and the projection check behind the compositional argument:
// a second airlock never changes what the bay and a first airlock can reach.
import type { CheckOptions, CheckResult } from './check';
import type { Finding } from './properties';

export interface RunSpec {
  name: string;
  /** What the run covers, in words. */
  covers: string;
  options: CheckOptions;
  /** The name of a one-airlock run this run's states must project onto, airlock by airlock. */
  projectsOnto?: string;
  /** How many threads share this run's search (verify/check.ts `searchShared`; scripts/verify.ts); default 1. */
  threads?: number;
}

export const DEFAULT_RUNS: readonly RunSpec[] = [
  {
    name: 'four airlocks, one fault',
    covers: 'deck, door E, environment and airlocks A–D together; every deck request and airlock button, every progress event; one fault per path (a missed deadline, a sensor fault or a reboot, anywhere) and resets; a prompt scan; no leaks',
    options: { airlocks: 4, faults: 1, leaks: false, promptScan: true },
    threads: 2,
  },
  {
    name: 'one airlock, faults',
    covers: 'deck, door E, environment and one airlock; every event in every order, hull breaches, up to two faults per path (missed deadlines, sensor faults, reboots) and resets',
    options: { airlocks: 1, faults: 2 },
  },
  {
    name: 'two airlocks, faults',
    covers: 'deck, door E, environment and two airlocks; every event in every order, hull breaches, one fault per path; each airlock\'s view checked against the one-airlock run',
    options: { airlocks: 2, faults: 1 },
    projectsOnto: 'one airlock, faults',
  },
];

export interface Projection {
  /** Bay-and-airlock states seen in the larger run but impossible with one airlock: the airlocks interfere. */
  extra: number;
  /** States one airlock reaches (within the larger run's fault budget) that it cannot reach beside another. */
  missing: number;
  /** A state of the larger run showing the first `extra`, for its trace. */
  example?: number;
}

/**
 * Projects every state of `many` onto (bay part, one airlock), for each airlock, and compares with the states
 * of `one` (one airlock) that use no more faults than `many` allows. The fault counter itself is left out:
 * another airlock's fault spends the budget without touching this one.
 */
export function projectionCheck(many: CheckResult, one: CheckResult): Projection {
  const budget = many.model.options.faults, reach = new Map<string | number, boolean>(), w1 = one.store.width, wn = many.store.width;
  // (bay part, airlock code) as one number while it fits in a double's 53 bits (a Map of numbers, not of strings made
  // per state); else as text.
  const bits = one.model.airlockBits, numeric = one.model.faultsAt + bits <= 53 && many.model.faultsAt === one.model.faultsAt && many.model.airlockBits === bits;
  const bayOf = (r: CheckResult, at: number): string | number => (numeric ? r.model.bayValue(r.store.words, at) * 2 ** bits : r.model.bayKey(r.store.words, at));
  const key = (bay: string | number, code: number): string | number => (typeof bay === 'number' ? bay + code : `${bay}${code}`);
  for (let s = 0; s < one.states; s++) {
    if (one.model.faultsSpent(one.store.words, s * w1) <= budget) reach.set(key(bayOf(one, s * w1), one.model.airlockCode(one.store.words, s * w1, 0)), false);
  }
  let extra = 0, example: number | undefined;
  for (let s = 0; s < many.states; s++) {
    const bay = bayOf(many, s * wn);
    for (let i = 0; i < many.model.letters.length; i++) {
      const k = key(bay, many.model.airlockCode(many.store.words, s * wn, i));
      if (reach.has(k)) reach.set(k, true);
      else { extra++; example ??= s; }
    }
  }
  let missing = 0;
  for (const hit of reach.values()) if (!hit) missing++;
  return { extra, missing, example };
}

/** A projection that fails, as a finding of the larger run. */
export function interference(p: Projection): Finding | undefined {
  if (p.extra === 0 && p.missing === 0) return undefined;
  return {
    property: 'airlock interference', level: 'logic',
    detail: `${p.extra} bay-and-airlock states appear only beside another airlock, and ${p.missing} one-airlock states never do: the compositional argument does not hold`,
  };
}

export const runByName = (name: string): RunSpec | undefined => DEFAULT_RUNS.find((r) => r.name === name);
