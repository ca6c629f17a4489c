// A scenario checked against the boards it runs on, at load time: machines hosted, state and goal names real,
// buttons wired, the deck there for a request; every problem a ScenarioError at file:line:field.
import { airlockOf, hostedAirlocks } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import { airlock, bayDoor, bayEnvironment, battleDeck } from '../../firmware/machines';
import { stuckRefusal } from '../sensors';
import { ScenarioError, type Expectation, type Scenario } from './format';

type Def = { states: readonly string[]; goals: readonly string[] };
const definitionOf = (id: string): Def | undefined =>
  (id === 'battle deck' ? battleDeck : id === 'bay door' ? bayDoor : id === 'bay environment' ? bayEnvironment : id.startsWith('airlock ') ? airlock : undefined) as Def | undefined;

export function checkAgainstBoards(scenario: Scenario, boards: Board | Board[]): void {
  const list = Array.isArray(boards) ? boards : [boards];
  const hosted = new Set(list.flatMap((b) => b.hosts as string[]));
  const wired = new Set(list.flatMap((b) => Object.keys(b.signals)));
  const where = list.length === 1 ? `board ${list[0].name}` : 'the cluster\'s boards';
  const fail = (field: string, detail: string): never => { throw new ScenarioError(scenario.file, field, lineOf(scenario.lines, field), detail); };
  const airlocks = hostedAirlocks(list), nodes = list.map((b) => b.node ?? b.name);
  // A door, place or sensor of an airlock names one the boards host (doors and air of the bay always exist).
  const airlock = (name: string, field: string) => {
    const l = airlockOf(name);
    if (l && !airlocks.includes(l)) fail(field, `airlock ${l} is not hosted on ${where} (airlocks: ${airlocks.join(', ') || 'none'})`);
  };
  const node = (name: string | undefined, field: string) => {
    if (name !== undefined && !nodes.includes(name)) fail(field, `"${name}" is not a node of ${where} (nodes: ${nodes.join(', ')})`);
  };
  scenario.emptyChambers.forEach((l, i) => airlock(`airlock ${l}`, `emptyChambers[${i}]`));
  const machine = (id: string, field: string) => { if (!hosted.has(id)) fail(field, `"${id}" is not hosted on ${where} (hosted: ${[...hosted].join(', ')})`); };
  const expectation = (e: Expectation, field: string) => {
    for (const [id, want] of Object.entries(e.states ?? {})) {
      machine(id, `${field}.states.${id}`);
      const names = typeof want === 'string' ? [want] : 'anyOf' in want ? want.anyOf : want.not;
      // `unknown`: the machine does not know its state yet (after power-up, before its sensors were read).
      const known = [...definitionOf(id)!.states, 'unknown'];
      for (const n of names) if (!known.includes(n)) fail(`${field}.states.${id}`, `"${n}" is not a state of ${id} (states: ${known.join(', ')})`);
    }
    for (const name of Object.keys(e.doors ?? {})) airlock(name, `${field}.doors.${name}`);
    for (const name of Object.keys(e.pressures ?? {})) airlock(name, `${field}.pressures.${name}`);
    for (const [id, want] of Object.entries(e.goals ?? {})) {
      machine(id, `${field}.goals.${id}`);
      const known = definitionOf(id)!.goals;
      if (want !== null && want !== undefined && !known.includes(want)) fail(`${field}.goals.${id}`, `"${want}" is not a goal of ${id} (goals: ${known.join(', ') || 'none'}, or null)`);
    }
    (e.events ?? []).forEach((ev, i) => {
      if (ev.machine !== undefined && ![...hosted].some((id) => ev.machine === id || ev.machine!.startsWith(`${id} `))) {
        fail(`${field}.events[${i}].machine`, `"${ev.machine}" is not a machine (or a part of one) hosted on ${where}`);
      }
    });
  };
  for (const step of scenario.steps) {
    if ('press' in step && !wired.has(step.press)) fail(`${step.field}.press`, `"${step.press}" is not wired on ${where}`);
    if ('request' in step) machine('battle deck', `${step.field}.request`);
    if ('reset' in step) machine(step.reset, `${step.field}.reset`);
    if ('jam' in step || 'unjam' in step) airlock('jam' in step ? step.jam : step.unjam, step.field);
    if ('pumpDead' in step || 'pumpRevived' in step) airlock('pumpDead' in step ? step.pumpDead : step.pumpRevived, step.field);
    if ('sensorFault' in step || 'clearSensorFault' in step) {
      const sensor = 'sensorFault' in step ? step.sensorFault : step.clearSensorFault;
      if (!wired.has(sensor)) fail(`${step.field}.${'sensorFault' in step ? 'sensorFault' : 'clearSensorFault'}`, `"${sensor}" is not wired on ${where}`);
      const wiredOn = list.find((b) => b.signals[sensor] !== undefined);
      const refused = 'sensorFault' in step && step.stuck !== undefined && wiredOn ? stuckRefusal(wiredOn, sensor, step.stuck) : undefined;
      if (refused) fail(`${step.field}.stuck`, refused);
    }
    if ('cut' in step) node(step.cut, `${step.field}.cut`);
    if ('heal' in step) node(step.heal, `${step.field}.heal`);
    if ('reboot' in step || 'store' in step) node(step.node, `${step.field}.node`);
    const e = 'expect' in step ? step.expect : 'eventually' in step ? step.eventually : 'always' in step ? step.always : 'never' in step ? step.never : undefined;
    const kind = 'expect' in step ? 'expect' : 'eventually' in step ? 'eventually' : 'always' in step ? 'always' : 'never';
    if (e) expectation(e, `${step.field}.${kind}`);
  }
}

/** The line of a field, else of the nearest enclosing field that has one. */
function lineOf(lines: Map<string, number>, field: string): number | undefined {
  for (let f = field; f;) {
    const line = lines.get(f);
    if (line !== undefined) return line;
    const parent = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    f = parent === f ? '' : parent;
  }
  return undefined;
}
