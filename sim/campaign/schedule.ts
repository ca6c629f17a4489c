// Random fault campaigns: schedules of operator actions, deck requests, leaks, jams, sensor faults and reboots,
// as plain data (so a failing one prints, shrinks and replays), and a runner that checks the invariants throughout.
import fc from 'fast-check';
import { airlockLetters, knownSignals } from '../../firmware/board/signals';
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

const buttons = [...knownSignals()].filter(([n, s]) => s.kind === 'input' && !n.endsWith(' limit')).map(([n]) => n);
const sensors = [...knownSignals()].filter(([, s]) => s.kind === 'sensor').map(([n]) => n);
const doors = ['bay door', ...airlockLetters.flatMap((l) => [`airlock ${l} outer`, `airlock ${l} inner`])];
const places = ['bay', ...airlockLetters.map((l) => `airlock ${l}`)];
const machines = ['bay door', 'bay environment', ...airlockLetters.map((l) => `airlock ${l}`)];

// Weighted toward what operators do most; faults are rarer but present in most schedules.
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ do: fc.constant('press' as const), button: fc.constantFrom(...buttons), holdMs: fc.integer({ min: 50, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('request' as const), deck: fc.constantFrom('active' as const, 'ready' as const, 'relaxed' as const) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('leak' as const), kPaPerS: fc.constantFrom(0, 0.5, 2, 5) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constantFrom('jam' as const, 'unjam' as const), door: fc.constantFrom(...doors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('stick' as const), sensor: fc.constantFrom(...sensors), value: fc.constantFrom(0, 20, 50, 101.3) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constantFrom('out of range' as const, 'heal' as const), sensor: fc.constantFrom(...sensors) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constantFrom('kill pump' as const, 'revive pump' as const), place: fc.constantFrom(...places) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('reboot' as const), downMs: fc.integer({ min: 10, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('reset' as const), machine: fc.constantFrom(...machines) }) },
);

export const schedule = (maxSteps = 40): fc.Arbitrary<Step[]> =>
  fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 90_000 }), action }), { minLength: 1, maxLength: maxSteps });

function apply(world: SimWorld, a: Action): void {
  const { model } = world;
  const on = world.powered ? world.controller : undefined;
  switch (a.do) {
    case 'press': world.press(a.button, a.holdMs); break;
    case 'request': on?.send('battle deck', `${a.deck} requested`); break;
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
