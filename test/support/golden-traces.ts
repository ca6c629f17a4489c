// What a run did, boiled down to a digest per shipped scenario and seed and for a short soak: the golden traces
// that prove a speed-up of the simulator changed no transition, no report's time and no physics value.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { boardsFor } from '../../scripts/lib/scenario-boards';
import { soak, soakWorld } from '../../bench/sim-speed';
import type { ControllerReport } from '../../firmware/controller';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import type { SimWorld } from '../../sim/world';
import { transitionsOf } from './transitions';

/** Where the golden file lives; `npx tsx test/support/record-golden-traces.ts` writes it. */
export const GOLDEN_FILE = 'test/scenarios/golden-traces.json';
/** The noise seeds each shipped scenario runs on. */
export const GOLDEN_SEEDS = [1, 2, 3];
/** The soak: the bench's schedule (bench/sim-speed.ts) for this long, on this seed. */
export const GOLDEN_SOAK = { hours: 2, seed: 7 };

const DIRS = ['sim/scenarios', 'sim/scenarios/faults', 'sim/scenarios/fresh-intent', 'sim/scenarios/cluster'];

/** One run's fingerprint: counts to read at a glance, digests that change with any report or physics value. */
export interface GoldenEntry {
  transitions: number;
  reports: number;
  /** sha256 of the transitions, `machine: from → to on event`, in order. */
  transitionsDigest: string;
  /** sha256 of every report (all fields, with its time), the failures, the end time and the physics at the end. */
  digest: string;
}

export type Golden = { [run: string]: GoldenEntry };

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

// The physics at the end, every number exact: a float computed in another order shows here.
function physicsOf(world: SimWorld) {
  const m = world.model;
  const door = (d: { position: number; motor: number }) => [d.position, d.motor];
  return {
    elapsedMs: m.elapsedMs, bay: { ...m.bay }, bayDoor: door(m.bayDoor), outputs: { ...m.outputs },
    airlocks: m.letters.map((l) => { const a = m.airlocks[l]; return [a.chamberKpa, a.pumpOn, a.ventOn, door(a.outer), door(a.inner)]; }),
  };
}

function entry(trace: readonly ControllerReport[], rest: unknown): GoldenEntry {
  const transitions = transitionsOf(trace);
  return { transitions: transitions.length, reports: trace.length, transitionsDigest: sha(transitions), digest: sha({ trace, rest }) };
}

/** The shipped scenario files (the Pico's run on the emulator, not here). */
export const goldenScenarios = (): string[] =>
  DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));

/** A scenario file on one seed. */
export function scenarioEntry(file: string, seed: number): GoldenEntry {
  const scenario = parseScenario(readFileSync(file, 'utf8'), file);
  let world: SimWorld | undefined;
  const result = runScenario({ ...scenario, seed }, boardsFor(scenario), undefined, { setup: (w) => { world = w; } });
  return entry(result.trace, { failures: result.failures, endMs: result.endMs, physics: physicsOf(world!) });
}

/** The bench's soak, shortened. */
export function soakEntry(hours = GOLDEN_SOAK.hours, seed = GOLDEN_SOAK.seed): GoldenEntry {
  const trace: ControllerReport[] = [];
  const world = soakWorld(seed, (r) => trace.push(r));
  let actions: number;
  try { actions = soak(world, hours, seed); } finally { world.stop(); }
  return entry(trace, { actions, violations: world.invariants.violations, physics: physicsOf(world) });
}

/** The key of a run in the golden file. */
export const scenarioKey = (file: string, seed: number) => `${file} seed ${seed}`;
export const soakKey = (hours = GOLDEN_SOAK.hours, seed = GOLDEN_SOAK.seed) => `soak ${hours} h seed ${seed}`;

/** Every run the golden file holds (or only those named in `only`), computed now. */
export function computeGolden(progress: (key: string) => void = () => {}, only?: ReadonlySet<string>): Golden {
  const out: Golden = {}, wanted = (k: string) => !only || only.has(k);
  for (const file of goldenScenarios()) {
    for (const seed of GOLDEN_SEEDS) {
      const k = scenarioKey(file, seed);
      if (wanted(k)) { progress(k); out[k] = scenarioEntry(file, seed); }
    }
  }
  if (wanted(soakKey())) { progress(soakKey()); out[soakKey()] = soakEntry(); }
  return out;
}

/** Why `now` is not the golden run, in words; undefined when it is the same. */
export function goldenDifference(golden: GoldenEntry | undefined, now: GoldenEntry): string | undefined {
  if (!golden) return 'not in the golden file (regenerate it: npx tsx test/support/record-golden-traces.ts, on code known right)';
  if (golden.transitionsDigest !== now.transitionsDigest) return `other transitions: ${now.transitions} taken, ${golden.transitions} in the golden run`;
  if (golden.digest !== now.digest) return `the same transitions, but other reports (${now.reports}, golden ${golden.reports}), report times, failures or physics at the end`;
  return undefined;
}
