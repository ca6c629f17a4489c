// Random fault campaigns: schedules of operator actions and deck requests, with up to two faults (leaks up to
// 100 kPa/s, jams, sensor faults, dead pumps, reboots, and on a cluster a node's lost, rolled-back or unwritable
// state store), a fault often followed by its repair and an operator's reset, as plain data (so a failing one
// prints, shrinks, and replays as a scenario file), and a runner that checks the invariants throughout.
import fc from 'fast-check';
import { airlockOf, knownSignals, shipAirlocks, type AirlockLetter, type MachineId } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import type { Thresholds } from '../../firmware/controller';
import { nodeNameOf } from '../../firmware/net/node';
import { loadBoard } from '../../boards/load';
import { createSimCluster, type SimCluster } from '../cluster';
import type { Violation } from '../invariants';
import type { DoorName } from '../physics';
import { clusterBoards } from '../scenario/format';
import type { StoreFault } from '../state-store';
import { createSimWorld, type SimWorld } from '../world';

export type Action =
  | { do: 'press'; button: string; holdMs: number }
  | { do: 'request'; deck: 'active' | 'ready' | 'relaxed' }
  | { do: 'leak'; kPaPerS: number }
  | { do: 'jam' | 'unjam'; door: string }
  | { do: 'stick'; sensor: string; value: number }
  | { do: 'out of range' | 'heal'; sensor: string }
  | { do: 'kill pump' | 'revive pump'; place: string }
  | { do: 'reboot'; downMs: number; node?: string }
  | { do: 'reset'; machine: string }
  | { do: 'store'; fault: StoreFault; node: string };

export interface Step { afterMs: number; action: Action }

type Timed = { atMs: number; action: Action };
/** A fault and what follows it, each with its delay from the fault. */
type Group = [number, Action][];

/** What a campaign draws from, for a bay with these airlocks (the ship's A–D, or another board's). */
function actionsFor(letters: readonly AirlockLetter[]) {
  // The bay: its deck, door E, environment and the board's airlocks, not every one the vocabulary allows.
  const ours = (name: string) => { const l = airlockOf(name); return l === undefined || letters.includes(l); };
  const buttons = [...knownSignals()].filter(([n, s]) => s.kind === 'input' && !n.endsWith(' limit') && ours(n)).map(([n]) => n);
  const sensors = [...knownSignals()].filter(([n, s]) => s.kind === 'sensor' && ours(n)).map(([n]) => n);
  const doors = ['bay door', ...letters.flatMap((l) => [`airlock ${l} outer`, `airlock ${l} inner`])];
  const places = ['bay', ...letters.map((l) => `airlock ${l}`)];
  const machines = ['bay door', 'bay environment', ...letters.map((l) => `airlock ${l}`)];
  const nodes = clusterBoards.map((b) => nodeNameOf(loadBoard(b)));

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

  // Whose fault it is: the machine an operator resets once the part is repaired.
  const machineOf = (part: string): MachineId =>
    (part === 'bay door' ? 'bay door' : part.startsWith('bay') ? 'bay environment' : `airlock ${airlockOf(part)!}`) as MachineId;

  // A fault matters once the part is used: a press of one of the airlock's buttons, a deck request for door E and the
  // bay. Often an operator then repairs the part after a while (past the part's deadline, so the fault has been
  // seen) and resets its machine: so resets land on faulted machines, and sometimes on moving ones.
  // Buttons 1 and 2 ask for the outer door, 3 and 4 for the inner (SPECIFICATION.md); either pumps the chamber.
  const use = (machine: MachineId, part: string): fc.Arbitrary<Action> => (machine.startsWith('airlock ')
    ? fc.record({ do: fc.constant('press' as const), holdMs: fc.constant(200),
      button: fc.constantFrom(...(part.endsWith(' outer') ? [1, 2] : part.endsWith(' inner') ? [3, 4] : [1, 2, 3, 4])).map((n) => `${machine} button ${n}`) })
    : fc.record({ do: fc.constant('request' as const), deck: fc.constantFrom('active' as const, 'ready' as const, 'relaxed' as const) }));
  // How long a fault may take to be seen after the part is used (boards/sim.json's deadlines, and some): door E opens
  // only once the bay is empty, then has 40 s; the bay pump 240 s; an airlock door 6 s, its pump 16 s; a sensor at once.
  const seenMs = (part: string): number =>
    (part === 'bay door' ? 150_000 : part === 'bay' ? 245_000 : / (outer|inner)$/.test(part) ? 7000 : part.startsWith('airlock ') && !part.endsWith('pressure') ? 17_000 : 5000);

  const repaired = (fault: Action, repair: Action, machine: MachineId, part: string): fc.Arbitrary<Group> => fc.tuple(
    fc.option(use(machine, part), { freq: 4 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 3000, max: 30_000 })), { freq: 4 }),
  ).map(([used, r]): Group => {
    const group: Group = [[0, fault]];
    if (used) group.push([500, used]);
    const seen = seenMs(part);
    if (r) group.push([seen + r[0], repair], [seen + r[0] + r[1], { do: 'reset', machine }]);
    return group;
  });

  const downMs = fc.integer({ min: 10, max: 5000 });

  /** The faults a campaign may inject: a breach of any rate up to 100 kPa/s, a jam, a sensor fault, a dead pump, a power loss. */
  const faultGroup: fc.Arbitrary<Group> = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(0.5, 2, 5, 20, 40, 70, 100).map((kPaPerS): Group => [[0, { do: 'leak', kPaPerS }]]) },
    { weight: 2, arbitrary: fc.constantFrom(...doors).chain((door) => repaired({ do: 'jam', door }, { do: 'unjam', door }, machineOf(door), door)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...sensors), fc.constantFrom(0, 20, 50, 101.3)).chain(([sensor, value]) =>
      repaired({ do: 'stick', sensor, value }, { do: 'heal', sensor }, machineOf(sensor), sensor)) },
    { weight: 1, arbitrary: fc.constantFrom(...sensors).chain((sensor) => repaired({ do: 'out of range', sensor }, { do: 'heal', sensor }, machineOf(sensor), sensor)) },
    { weight: 1, arbitrary: fc.constantFrom(...places).chain((place) => repaired({ do: 'kill pump', place }, { do: 'revive pump', place }, machineOf(place), place)) },
    { weight: 2, arbitrary: downMs.map((ms): Group => [[0, { do: 'reboot', downMs: ms }]]) },
  );

  /**
   * A node's state store broken, then read at the node's next boot: lost, rolled back to a copy taken earlier, or
   * unwritable (and maybe writable again before a second boot). Its own power loss may come too.
   */
  const storeGroup: fc.Arbitrary<Group> = fc.tuple(fc.constantFrom(...nodes), fc.constantFrom('lose' as const, 'roll back' as const, 'unwritable' as const),
    fc.integer({ min: 0, max: 60_000 }), downMs, fc.integer({ min: 1000, max: 60_000 }), fc.boolean())
    .map(([node, fault, laterMs, ms, againMs, twice]): Group => {
      const reboot = (at: number): [number, Action] => [at, { do: 'reboot', downMs: ms, node }];
      if (fault === 'roll back') return [[0, { do: 'store', fault: 'back up', node }], [laterMs, { do: 'store', fault, node }], reboot(laterMs + againMs)];
      const group: Group = [[0, { do: 'store', fault, node }], reboot(laterMs)];
      if (fault === 'unwritable' && twice) group.push([laterMs + againMs, { do: 'store', fault: 'writable', node }], reboot(laterMs + 2 * againMs));
      return group;
    });

  const clusterFaultGroup: fc.Arbitrary<Group> = fc.oneof(
    { weight: 3, arbitrary: faultGroup },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...nodes), downMs).map(([node, ms]): Group => [[0, { do: 'reboot', downMs: ms, node }]]) },
  );

  return { operatorAction, faultGroup, storeGroup, clusterFaultGroup };
}
const ship = actionsFor(shipAirlocks);

const FAULT_KINDS: { [kind: string]: boolean } = { jam: true, stick: true, 'out of range': true, 'kill pump': true, reboot: true };
/** Whether an action is one of the campaign's faults (a breach counts; sealing it does not); a node's reboot after a store fault counts with it. */
export const isFault = (a: Action): boolean => FAULT_KINDS[a.do] === true || (a.do === 'leak' && a.kPaPerS > 0) || (a.do === 'store' && a.fault !== 'back up' && a.fault !== 'writable');
/** A campaign for the cluster: it names a node (a store fault or a node's power loss). */
export const onCluster = (steps: readonly Step[]): boolean => steps.some((s) => 'node' in s.action && s.action.node !== undefined);

const groupAt = (group: fc.Arbitrary<Group>, spanMs: number) => fc.tuple(fc.integer({ min: 0, max: spanMs }), group)
  .map(([atMs, g]) => g.map(([dt, action]): Timed => ({ atMs: atMs + dt, action })));

const timed = (a: fc.Arbitrary<Action>, spanMs: number) => fc.record({ atMs: fc.integer({ min: 0, max: spanMs }), action: a });

const inOrder = (all: Timed[]): Step[] => {
  all.sort((a, b) => a.atMs - b.atMs);
  return all.map((s, i) => ({ afterMs: s.atMs - (i > 0 ? all[i - 1].atMs : 0), action: s.action }));
};

/**
 * A campaign on one board: up to `maxSteps` operator actions and at most `maxFaults` faults (default two), each
 * maybe followed by its repair and a reset, at random instants over ten minutes, merged in time order.
 */
export const boardSchedule = (maxSteps = 40, maxFaults = 2, spanMs = 600_000, letters: readonly AirlockLetter[] = shipAirlocks): fc.Arbitrary<Step[]> => {
  const { operatorAction, faultGroup } = letters === shipAirlocks ? ship : actionsFor(letters);
  return fc.tuple(fc.array(timed(operatorAction, spanMs), { minLength: 1, maxLength: maxSteps }), fc.array(groupAt(faultGroup, spanMs), { maxLength: maxFaults }))
    .map(([ops, faults]) => inOrder([...ops, ...faults.flat()]));
};

/**
 * A campaign on the cluster (a node per board, in-process bus): at least one broken state store among at most
 * `maxFaults` faults. Shorter than the board's (three minutes): six nodes take about twenty times as long to run.
 */
const clusterSchedule = (maxSteps = 15, maxFaults = 2, spanMs = 180_000): fc.Arbitrary<Step[]> =>
  fc.tuple(fc.array(timed(ship.operatorAction, spanMs), { minLength: 1, maxLength: maxSteps }), groupAt(ship.storeGroup, spanMs),
    fc.array(groupAt(ship.clusterFaultGroup, spanMs), { maxLength: maxFaults - 1 }))
    .map(([ops, store, faults]) => inOrder([...ops, ...store, ...faults.flat()]));

/**
 * The soak's campaigns: one in ten on the cluster, with a broken state store; the rest on one board. A board with
 * other airlocks than the ship's A–D (`soak --board`) has no cluster of its own: its campaigns are all on the board.
 */
export const schedule = (maxSteps = 40, maxFaults = 2, spanMs = 600_000, letters: readonly AirlockLetter[] = shipAirlocks): fc.Arbitrary<Step[]> =>
  (letters.join() !== shipAirlocks.join() ? boardSchedule(maxSteps, maxFaults, spanMs, letters) : fc.oneof(
    { weight: 9, arbitrary: boardSchedule(maxSteps, maxFaults, spanMs) },
    { weight: 1, arbitrary: clusterSchedule(Math.min(maxSteps, 15), maxFaults, Math.min(spanMs, 180_000)) },
  ));

function apply(world: SimWorld | SimCluster, a: Action): void {
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
    case 'reboot': world.reboot(a.downMs, a.node); break;
    case 'store': (world as SimCluster).stores[a.node]!.apply(a.fault); break;
  }
}

export interface CampaignResult {
  violations: Violation[]; endMs: number;
  /** Operator resets that took a machine out of `faulted` (the others were refused, or found nothing faulted). */
  resets: number;
}

const stateOf = (world: SimWorld, id: string) => (world.powered ? world.controller.machines[id as MachineId]?.state : undefined);

/**
 * Runs a schedule on a fresh simulated bay (on `board`, or on the cluster's boards when it names a node), then
 * lets it settle for `settleMs`; returns every invariant violation.
 */
export function runSchedule(board: Board, steps: readonly Step[], seed = 1, settleMs = 60_000, thresholds?: Partial<Thresholds>): CampaignResult {
  const world = onCluster(steps) ? createSimCluster({ boards: clusterBoards.map((b) => loadBoard(b)), seed, thresholds }) : createSimWorld({ board, seed, thresholds });
  let resets = 0;
  try {
    for (const step of steps) {
      world.advance(step.afterMs);
      const a = step.action, faulted = a.do === 'reset' && stateOf(world, a.machine) === 'faulted';
      apply(world, a);
      if (faulted && stateOf(world, (a as { machine: string }).machine) !== 'faulted') resets++;
    }
    world.advance(settleMs);
    return { violations: world.invariants.violations.slice(), endMs: world.clock.now(), resets };
  } finally {
    world.stop();
  }
}

/**
 * A campaign as a scenario file (docs/SCENARIOS.md), so `npm run scenario` replays it: the same actions at the
 * same instants on the same noise seed, then the same time to settle. The invariants are checked throughout.
 */
export function toScenarioFile(steps: readonly Step[], seed: number, name: string, settleMs = 60_000, board = 'sim'): object {
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
      case 'reboot': out.push({ ...when, reboot: a.downMs, ...(a.node ? { node: a.node } : {}) }); break;
      case 'store': out.push({ ...when, store: a.fault, node: a.node }); break;
    }
  }
  out.push({ at: at + settleMs, wait: true });
  const where = onCluster(steps) ? { cluster: true } : board === 'sim' ? {} : { board };
  return { name, description: 'A soak campaign that broke an invariant, shrunk: replay it to see where.', ...where, seed, steps: out };
}
