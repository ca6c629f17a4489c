// Random fault campaigns: schedules of operator actions and deck requests, with up to two faults (leaks up to
// 100 kPa/s, jams, sensor faults, dead pumps, reboots), as plain data (so a failing one prints, shrinks, and
// replays as a scenario file), and a runner that checks the invariants throughout.
import fc from 'fast-check';
import { airlockOf, knownSignals, shipAirlocks } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import type { Thresholds } from '../../firmware/controller';
import type { Violation } from '../invariants';
import type { DoorName } from '../physics';
import { createSimWorld, type SimWorld } from '../world';

export type Action =
  | { do: 'press'; button: string; holdMs: number }
  | { do: 'request'; deck: 'active' | 'ready' | 'relaxed' }
  | { do: 'leak'; kPaPerS: number }
  | { do: 'jam' | 'unjam'; door: string }
  | { do: 'stick'; sensor: string; value: number }
  | { do: 'out of range' | 'heal'; sensor: string }
  | { do: 'kill pump' | 'revive pump'; place: string }
  | { do: 'reboot'; downMs: number }
  | { do: 'reset'; machine: string };

export interface Step { afterMs: number; action: Action }

// The ship's bay: its deck, door E, environment and its own airlocks (the sim board's), not every one the vocabulary allows.
const ours = (name: string) => { const l = airlockOf(name); return l === undefined || shipAirlocks.includes(l); };
const buttons = [...knownSignals()].filter(([n, s]) => s.kind === 'input' && !n.endsWith(' limit') && ours(n)).map(([n]) => n);
const sensors = [...knownSignals()].filter(([n, s]) => s.kind === 'sensor' && ours(n)).map(([n]) => n);
const doors = ['bay door', ...shipAirlocks.flatMap((l) => [`airlock ${l} outer`, `airlock ${l} inner`])];
const places = ['bay', ...shipAirlocks.map((l) => `airlock ${l}`)];
const machines = ['bay door', 'bay environment', ...shipAirlocks.map((l) => `airlock ${l}`)];

// What operators do, weighted toward the buttons; repairs (unjam, heal, revive) are operator actions too.
const operatorAction: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ do: fc.constant('press' as const), button: fc.constantFrom(...buttons), holdMs: fc.integer({ min: 50, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('request' as const), deck: fc.constantFrom('active' as const, 'ready' as const, 'relaxed' as const) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('unjam' as const), door: fc.constantFrom(...doors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('heal' as const), sensor: fc.constantFrom(...sensors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('revive pump' as const), place: fc.constantFrom(...places) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('leak' as const), kPaPerS: fc.constant(0) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('reset' as const), machine: fc.constantFrom(...machines) }) },
);

/** The faults a campaign may inject: a breach of any rate up to 100 kPa/s, a jam, a sensor fault, a dead pump, a power loss. */
const faultAction: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ do: fc.constant('leak' as const), kPaPerS: fc.constantFrom(0.5, 2, 5, 20, 40, 70, 100) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('jam' as const), door: fc.constantFrom(...doors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('stick' as const), sensor: fc.constantFrom(...sensors), value: fc.constantFrom(0, 20, 50, 101.3) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('out of range' as const), sensor: fc.constantFrom(...sensors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('kill pump' as const), place: fc.constantFrom(...places) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('reboot' as const), downMs: fc.integer({ min: 10, max: 5000 }) }) },
);

const FAULT_KINDS: { [kind: string]: boolean } = { jam: true, stick: true, 'out of range': true, 'kill pump': true, reboot: true };
/** Whether an action is one of the campaign's faults (a breach counts; sealing it does not). */
export const isFault = (a: Action): boolean => FAULT_KINDS[a.do] === true || (a.do === 'leak' && a.kPaPerS > 0);

const timed = (a: fc.Arbitrary<Action>, spanMs: number) => fc.record({ atMs: fc.integer({ min: 0, max: spanMs }), action: a });

/**
 * A campaign: up to `maxSteps` operator actions and at most `maxFaults` faults (default two), at random instants
 * over ten minutes, merged in time order.
 */
export const schedule = (maxSteps = 40, maxFaults = 2, spanMs = 600_000): fc.Arbitrary<Step[]> =>
  fc.tuple(fc.array(timed(operatorAction, spanMs), { minLength: 1, maxLength: maxSteps }), fc.array(timed(faultAction, spanMs), { maxLength: maxFaults }))
    .map(([ops, faults]) => {
      const all = [...ops, ...faults].sort((a, b) => a.atMs - b.atMs);
      return all.map((s, i) => ({ afterMs: s.atMs - (i > 0 ? all[i - 1].atMs : 0), action: s.action }));
    });

function apply(world: SimWorld, a: Action): void {
  const { model } = world;
  switch (a.do) {
    case 'press': world.press(a.button, a.holdMs); break;
    case 'request': world.request(a.deck); break;
    case 'reset': world.reset(a.machine as 'bay door'); break;
    case 'leak': model.bay.leakKpaPerS = a.kPaPerS; break;
    case 'jam': model.jam(a.door as DoorName); break;
    case 'unjam': model.unjam(a.door as DoorName); break;
    case 'stick': model.sensorFaults[a.sensor] = { kind: 'stuck', value: a.value }; break;
    case 'out of range': model.sensorFaults[a.sensor] = { kind: 'out of range' }; break;
    case 'heal': model.sensorFaults[a.sensor] = undefined; break;
    case 'kill pump': case 'revive pump': {
      const dead = a.do === 'kill pump';
      if (a.place === 'bay') model.bay.pumpDead = dead; else model.airlocks[a.place.slice(-1) as 'A'].pumpDead = dead;
      break;
    }
    case 'reboot': world.reboot(a.downMs); break;
  }
}

export interface CampaignResult { violations: Violation[]; endMs: number }

/** Runs a schedule on a fresh simulated bay, then lets it settle for `settleMs`; returns every invariant violation. */
export function runSchedule(board: Board, steps: readonly Step[], seed = 1, settleMs = 60_000, thresholds?: Partial<Thresholds>): CampaignResult {
  const world = createSimWorld({ board, seed, thresholds });
  try {
    for (const step of steps) {
      world.advance(step.afterMs);
      apply(world, step.action);
    }
    world.advance(settleMs);
    return { violations: world.invariants.violations.slice(), endMs: world.clock.now() };
  } finally {
    world.stop();
  }
}

/**
 * A campaign as a scenario file (docs/SCENARIOS.md), so `npm run scenario` replays it: the same actions at the
 * same instants on the same noise seed, then the same time to settle. The invariants are checked throughout.
 */
export function toScenarioFile(steps: readonly Step[], seed: number, name: string, settleMs = 60_000): object {
  let at = 0;
  const out: object[] = [];
  for (const s of steps) {
    at += s.afterMs;
    const a = s.action, when = { at };
    switch (a.do) {
      case 'press': out.push({ ...when, press: a.button, for: a.holdMs }); break;
      case 'request': out.push({ ...when, request: a.deck }); break;
      case 'reset': out.push({ ...when, reset: a.machine }); break;
      case 'leak': out.push({ ...when, leak: a.kPaPerS }); break;
      case 'jam': case 'unjam': out.push({ ...when, [a.do]: a.door.replace(/ door$/, '') === 'bay' ? 'bay door' : a.door }); break;
      case 'stick': out.push({ ...when, sensorFault: a.sensor, stuck: a.value }); break;
      case 'out of range': out.push({ ...when, sensorFault: a.sensor, outOfRange: true }); break;
      case 'heal': out.push({ ...when, clearSensorFault: a.sensor }); break;
      case 'kill pump': out.push({ ...when, pumpDead: a.place }); break;
      case 'revive pump': out.push({ ...when, pumpRevived: a.place }); break;
      case 'reboot': out.push({ ...when, reboot: a.downMs }); break;
    }
  }
  out.push({ at: at + settleMs, wait: true });
  return { name, description: 'A soak campaign that broke an invariant, shrunk: replay it to see where.', seed, steps: out };
}
