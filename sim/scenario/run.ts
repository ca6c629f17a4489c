// Runs a scenario in virtual time on the simulated bay, through the real controller and hooks, checking the
// safety invariants at every physics step and the scenario's expectations where it places them.
import { airlockLetters } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import type { ControllerReport } from '../../firmware/controller';
import { atClosedLimit, atOpenLimit, type Door } from '../physics';
import { createSimCluster, type SimCluster } from '../cluster';
import { createSimWorld, type SimWorld, type SimWorldOptions } from '../world';
import type { Expectation, Range, Scenario, Step } from './format';

export interface Failure { t: number; field: string; line?: number; message: string }
export interface ScenarioResult { ok: boolean; trace: ControllerReport[]; failures: Failure[]; checks: number; endMs: number }

const POLL_MS = 50;

/** Adjustments for tests: world options (thresholds, physics), and `setup` to schedule more on the world's clock. */
export type Tweaks = Partial<SimWorldOptions> & { setup?(world: SimWorld): void };

/** Runs on one board, or on several (a cluster scenario: one node per board, on the in-process bus). */
export function runScenario(scenario: Scenario, boards: Board | Board[], onReport?: (r: ControllerReport) => void, tweaks: Tweaks = {}): ScenarioResult {
  const trace: ControllerReport[] = [], failures: Failure[] = [];
  const common = {
    seed: scenario.seed, start: scenario.start, emptyChambers: scenario.emptyChambers, ...tweaks,
    onReport: (r: ControllerReport) => { trace.push(r); onReport?.(r); },
  };
  const world: SimWorld = Array.isArray(boards) ? createSimCluster({ boards, ...common }) : createSimWorld({ board: boards, ...common });
  tweaks.setup?.(world);
  let checks = 0;
  const now = () => world.clock.now();
  const collectViolations = () => {
    for (const v of world.invariants.violations.splice(0)) failures.push({ t: v.t, field: `invariant ${v.invariant}`, message: v.detail });
  };
  try {
    for (const step of scenario.steps) {
      const due = step.at !== undefined ? Math.max(step.at, now()) : now() + step.after;
      world.advance(due - now());
      collectViolations();
      if ('expect' in step) {
        checks++;
        const missed = unmet(world, step.expect);
        if (missed.length) failures.push({ t: now(), field: step.field, line: step.line, message: `expected ${missed.join('; ')}` });
      } else if ('eventually' in step) {
        checks++;
        const deadline = now() + step.within;
        let missed = unmet(world, step.eventually);
        while (missed.length && now() < deadline) { world.advance(POLL_MS); missed = unmet(world, step.eventually); }
        collectViolations();
        if (missed.length) failures.push({ t: now(), field: step.field, line: step.line, message: `not met within ${step.within / 1000} s: ${missed.join('; ')}` });
      } else act(world, step);
    }
    collectViolations();
  } finally {
    world.stop();
  }
  failures.sort((a, b) => a.t - b.t);
  return { ok: failures.length === 0, trace, failures, checks, endMs: now() };
}

function act(world: SimWorld, step: Step): void {
  const { model } = world;
  if ('press' in step) world.press(step.press, step.for);
  // While the power is off, requests and resets reach no one, as on the ship.
  else if ('request' in step) { if (world.powered) world.controller.send('battle deck', `${step.request} requested`); }
  else if ('reset' in step) world.reset(step.reset);
  else if ('reboot' in step) world.reboot(step.reboot, step.node);
  else if ('cut' in step) (world as SimCluster).bus.cut.add(step.cut);
  else if ('heal' in step) (world as SimCluster).bus.cut.delete(step.heal);
  else if ('link' in step) Object.assign((world as SimCluster).bus.faults, step.link);
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

/** Every part of the expectation that does not hold now, in words. */
export function unmet(world: SimWorld, e: Expectation): string[] {
  const out: string[] = [], model = world.model;
  const m = world.powered ? world.controller.machines : {};
  for (const [id, want] of Object.entries(e.states ?? {})) {
    const got = m[id as keyof typeof m]?.state;
    if (got !== want) out.push(`${id} in "${want}", but it is "${got ?? 'not hosted'}"`);
  }
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
