// Runs a scenario in virtual time on the simulated bay, through the real controller and hooks, checking the
// safety invariants at every physics step and the scenario's expectations where it places them.
import { airlockLetters } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import type { ControllerReport } from '../../firmware/controller';
import { atClosedLimit, atOpenLimit, type Door } from '../physics';
import { createSimCluster, type SimCluster, type SimClusterOptions } from '../cluster';
import { createSimWorld, type SimWorld, type SimWorldOptions } from '../world';
import type { Expectation, Range, Scenario, Step } from './format';
import { eventsUnmet, stateMet, stateText } from './expectations';
import { Monitors, type Outcome } from './monitors';
import { sampleOf, type Sample, SampleHistory } from '../samples';

/** One message of a run's sequence diagram (views/report/sequence.ts records and draws them). */
export interface Message {
  t: number;
  from: string;
  to: string;
  /** The event, command or report, in words. */
  what: string;
  /** A hook's send inside one controller, an input's event, or a message on the bus between nodes. */
  via: 'hook' | 'input' | 'bus';
}

export interface Failure { t: number; field: string; line?: number; message: string }
export interface ScenarioResult {
  ok: boolean; trace: ControllerReport[]; failures: Failure[]; checks: number; endMs: number;
  /** Every expectation step, in the order it was decided: passed or failed, when, and why. */
  outcomes: Outcome[];
  /** The bay sampled through the run, for charts (only when `tweaks.sampleEveryMs` asks). */
  samples: Sample[];
  /** Who told whom what, and when, for the report's sequence view (only from `runForReport`, views/report/record.ts). */
  messages?: Message[];
}

const POLL_MS = 50;

/** Adjustments for tests: world options (thresholds, physics), and `setup` to schedule more on the world's clock. */
export type Tweaks = Partial<SimWorldOptions> & Pick<SimClusterOptions, 'deviceNodes'> & { setup?(world: SimWorld): void; sampleEveryMs?: number };

/** Runs on one board, or on several (a cluster scenario: one node per board, on the in-process bus). */
export function runScenario(scenario: Scenario, boards: Board | Board[], onReport?: (r: ControllerReport) => void, tweaks: Tweaks = {}): ScenarioResult {
  const trace: ControllerReport[] = [], failures: Failure[] = [], outcomes: Outcome[] = [];
  const { sampleEveryMs, ...worldTweaks } = tweaks;
  const common = {
    seed: scenario.seed, start: scenario.start, emptyChambers: scenario.emptyChambers, ...worldTweaks,
    onReport: (r: ControllerReport) => { trace.push(r); onReport?.(r); },
  };
  const world: SimWorld = Array.isArray(boards) ? createSimCluster({ boards, ...common }) : createSimWorld({ board: boards, ...common });
  tweaks.setup?.(world);
  let result: { checks: number; failures: Failure[]; samples: Sample[] };
  try {
    result = playSteps(scenario, world, act, { trace, outcomes, sampleEveryMs });
  } finally {
    world.stop();
  }
  failures.push(...result.failures);
  failures.sort((a, b) => a.t - b.t);
  return { ok: failures.length === 0, trace, failures, checks: result.checks, endMs: world.clock.now(), outcomes, samples: result.samples };
}

/** What playing steps needs of a world: its time, its physics, the machines' states, and a way to run on. */
export type StepWorld = Pick<SimWorld, 'model' | 'powered' | 'controller' | 'invariants' | 'advance'> & { clock: { now(): number } };

/** What a run records besides failures: the trace `events` expectations read, each expectation's outcome, samples. */
export interface PlayRecord { trace?: ControllerReport[]; outcomes?: Outcome[]; sampleEveryMs?: number }

/**
 * Plays the steps on a running world: waits, acts (through `doAct`), checks expectations, always/never monitors
 * and invariants. The simulator and the emulated Pico (emulators/rp2040) share it.
 */
export function playSteps<W extends StepWorld>(scenario: Scenario, world: W, doAct: (world: W, step: Step) => void, record: PlayRecord = {}): { checks: number; failures: Failure[]; samples: Sample[] } {
  const failures: Failure[] = [], trace = record.trace ?? [], outcomes = record.outcomes ?? [], sampleEveryMs = record.sampleEveryMs;
  let checks = 0, since = 0;
  const now = () => world.clock.now();
  const collectViolations = () => {
    for (const v of world.invariants.violations.splice(0)) failures.push({ t: v.t, field: `invariant ${v.invariant}`, message: v.detail });
  };
  // Time moves in polls while an always/never watches or the run is sampled, so each poll is checked.
  const monitors = new Monitors(outcomes), history = new SampleHistory(sampleEveryMs ?? Infinity);
  const context = { unmet: (e: Expectation) => unmet(world, e, { trace, since }), trace };
  const sample = () => { if (sampleEveryMs !== undefined) history.offer(() => sampleOf(world as unknown as SimWorld), now()); };
  const advance = (ms: number) => {
    if (!monitors.watching && sampleEveryMs === undefined) { world.advance(ms); return; }
    for (let left = ms; left > 0; left -= POLL_MS) { world.advance(Math.min(POLL_MS, left)); monitors.check(now(), context); sample(); }
  };
  const decided = (step: Step, kind: string, message?: string) => {
    outcomes.push({ field: step.field, line: step.line, kind, t: now(), ok: message === undefined, message });
    if (message !== undefined) failures.push({ t: now(), field: step.field, line: step.line, message });
  };
  sample();
  for (const step of scenario.steps) {
    const due = step.at !== undefined ? Math.max(step.at, now()) : now() + step.after;
    advance(due - now());
    collectViolations();
    monitors.stepBegan(step, now());
    if ('expect' in step) {
      checks++;
      const missed = unmet(world, step.expect, { trace, since });
      decided(step, 'expect', missed.length ? `expected ${missed.join('; ')}` : undefined);
    } else if ('eventually' in step) {
      checks++;
      const deadline = now() + step.within;
      let missed = unmet(world, step.eventually, { trace, since });
      while (missed.length && now() < deadline) { advance(POLL_MS); missed = unmet(world, step.eventually, { trace, since }); }
      collectViolations();
      decided(step, 'eventually', missed.length ? `not met within ${step.within / 1000} s: ${missed.join('; ')}` : undefined);
    } else if ('always' in step || 'never' in step) {
      checks++;
      monitors.start(step, now());
      monitors.check(now(), context);
    } else doAct(world, step);
    since = now();
  }
  monitors.end(now());
  collectViolations();
  sample();
  for (const o of outcomes) if (!o.ok && (o.kind === 'always' || o.kind === 'never')) failures.push({ t: o.t, field: o.field, line: o.line, message: `${o.kind}: ${o.message}` });
  return { checks, failures, samples: history.samples };
}

/** Carries out one action step on the simulated bay. */
export function act(world: SimWorld, step: Step): void {
  const { model } = world;
  if ('press' in step) world.press(step.press, step.for);
  // While the power is off, requests and resets reach no one, as on the ship (the world sees to it).
  else if ('request' in step) world.request(step.request);
  else if ('reset' in step) world.reset(step.reset);
  else if ('reboot' in step) world.reboot(step.reboot, step.node);
  else if ('cut' in step) (world as SimCluster).bus.cut.add(step.cut);
  else if ('heal' in step) (world as SimCluster).bus.cut.delete(step.heal);
  else if ('link' in step) Object.assign((world as SimCluster).bus.faults, step.link);
  else if ('store' in step) {
    const store = (world as SimCluster).stores[step.node];
    if (!store) throw new Error(`${step.field}: node "${step.node}" keeps no simulated state store (a device node keeps a Preference)`);
    store.apply(step.store);
  }
  else if ('leak' in step) model.bay.leakKpaPerS = step.leak;
  else if ('jam' in step) model.jam(step.jam);
  else if ('unjam' in step) model.unjam(step.unjam);
  else if ('sensorFault' in step) model.sensorFaults[step.sensorFault] = step.outOfRange ? { kind: 'out of range' } : { kind: 'stuck', value: step.stuck! };
  else if ('clearSensorFault' in step) model.sensorFaults[step.clearSensorFault] = undefined;
  else if ('pumpDead' in step || 'pumpRevived' in step) {
    const place = 'pumpDead' in step ? step.pumpDead : step.pumpRevived, dead = 'pumpDead' in step;
    if (place === 'bay') model.bay.pumpDead = dead; else model.airlocks[place.slice(-1) as 'A'].pumpDead = dead;
  }
}

const doorState = (d: Door) => (atOpenLimit(d) ? 'open' : atClosedLimit(d) ? 'closed' : 'moving');
const inRange = (x: number, r: Range) => (r.above === undefined || x > r.above) && (r.below === undefined || x < r.below);
const rangeText = (r: Range) => [r.above !== undefined ? `above ${r.above}` : '', r.below !== undefined ? `below ${r.below}` : ''].filter(Boolean).join(' and ');

/** Every part of the expectation that does not hold now, in words; `events` look at the trace from `since` on. */
function unmet(world: Pick<SimWorld, 'model' | 'powered' | 'controller'>, e: Expectation, history?: { trace: readonly ControllerReport[]; since: number }): string[] {
  const out: string[] = [], model = world.model;
  const m = world.powered ? world.controller.machines : {};
  for (const [id, want] of Object.entries(e.states ?? {})) {
    // A hosted machine that does not know its state yet reads `unknown`.
    const machine = m[id as keyof typeof m], got = machine ? machine.state ?? 'unknown' : undefined;
    if (!stateMet(got, want)) out.push(`${id} in ${stateText(want)}, but it is "${got ?? (world.powered ? 'not hosted' : 'powered off')}"`);
  }
  if (e.events) out.push(...(history ? eventsUnmet(history.trace, history.since, e.events) : ['events cannot be checked here']));
  for (const [id, want] of Object.entries(e.goals ?? {})) {
    const got = m[id as keyof typeof m]?.goal ?? null;
    if (got !== want) out.push(`${id} goal "${want}", but it is "${got}"`);
  }
  for (const [name, want] of Object.entries(e.doors ?? {})) {
    const got = doorState(model.door(name));
    if (got !== want) out.push(`${name} door ${want}, but it is ${got}`);
  }
  for (const [place, r] of Object.entries(e.pressures ?? {})) {
    const got = place === 'bay' ? model.bay.kPa : model.airlocks[place.slice(-1) as (typeof airlockLetters)[number]].chamberKpa;
    if (!inRange(got, r)) out.push(`${place} pressure ${rangeText(r)} kPa, but it is ${got.toFixed(1)}`);
  }
  if (e.temperatures?.bay && !inRange(model.bay.tempC, e.temperatures.bay)) {
    out.push(`bay temperature ${rangeText(e.temperatures.bay)} °C, but it is ${model.bay.tempC.toFixed(1)}`);
  }
  for (const [name, want] of Object.entries(e.indicators ?? {})) {
    if (model.outputs[name] !== want) out.push(`${name} ${want ? 'on' : 'off'}, but it is ${model.outputs[name] ? 'on' : 'off'}`);
  }
  return out;
}
