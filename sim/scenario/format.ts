// The scenario file format (docs/SCENARIOS.md): timed operator actions and expectations, checked on load.
import { airlockLetters, isAirlockLetter, knownSignals, machineIds, shipAirlocks, type AirlockLetter, type MachineId } from '../../firmware/board/signals';
import { storeFaults, type StoreFault } from '../state-store';
import { JsonSyntaxError, parseWithLines } from './json-lines';

type DoorName = 'bay door' | `airlock ${AirlockLetter} ${'outer' | 'inner'}`;
type Place = 'bay' | `airlock ${AirlockLetter}`;
export interface Range { above?: number; below?: number }

/** A machine's state: exactly this one, any of several, or none of them. */
export type StateMatch = string | { anyOf: string[] } | { not: string[] };
/** The kinds an `events` expectation names: a refusal is an interlock refusing a door or a pump. */
const eventKinds = ['veto', 'refusal', 'recall', 'beep', 'fault', 'impossible', 'transition'] as const;
export type EventKind = (typeof eventKinds)[number];
/** A report that happened: of this kind, by a machine or part whose name starts with `machine`, its reason containing `reason`. */
export interface EventMatch { kind: EventKind; machine?: string; event?: string; reason?: string }

export interface Expectation {
  states?: { [id in MachineId]?: StateMatch };
  goals?: { [id in MachineId]?: string | null };
  doors?: { [door: string]: 'open' | 'closed' | 'moving' };
  pressures?: { [place: string]: Range };
  temperatures?: { bay?: Range };
  indicators?: { klaxon?: boolean; 'warning lights'?: boolean };
  /** Reports that happened since the previous step ran (or, in `never`, at any time while it watches). */
  events?: EventMatch[];
}

/** How long an `always` or `never` watches: `for` ms, until the step whose `id` is `until`, else to the end. */
interface Watch { for?: number; until?: string }

type Action =
  | { press: string; for: number }
  | { request: 'active' | 'ready' | 'relaxed' }
  | { reset: MachineId }
  | { reboot: number; node?: string }
  | { cut: string } | { heal: string }
  | { store: StoreFault; node: string }
  | { link: { loss?: number; delayMs?: number; jitterMs?: number; duplicate?: number } }
  | { leak: number }
  | { jam: DoorName } | { unjam: DoorName }
  | { sensorFault: string; stuck?: number; outOfRange?: boolean } | { clearSensorFault: string }
  | { pumpDead: Place } | { pumpRevived: Place }
  | { expect: Expectation }
  | { eventually: Expectation; within: number }
  | ({ always: Expectation } & Watch) | ({ never: Expectation } & Watch)
  | { wait: true };

/** `at` is absolute (ms from the start); otherwise the step runs `after` ms after the previous one finished. */
export type Step = Action & { at?: number; after: number; field: string; line?: number; id?: string };

export interface Scenario {
  name: string;
  description?: string;
  board: string;
  seed: number;
  /** The deck state the bay starts settled in. */
  start: 'relaxed' | 'ready' | 'active';
  /** Airlocks whose chamber starts empty (`closed depressurized`). */
  emptyChambers: AirlockLetter[];
  /** Run as several nodes on the in-process bus (`clusterBoards`), instead of one board. */
  cluster: boolean;
  steps: Step[];
  /** Where it came from, and the line of every field (`steps[2].expect.states`), for errors found later. */
  file: string;
  lines: Map<string, number>;
}

export class ScenarioError extends Error {
  constructor(readonly file: string, readonly field: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ScenarioError';
  }
}

// Every name the vocabulary allows; the board check (check-board.ts) then keeps only what the boards host.
const letters: readonly string[] = airlockLetters;
/** The boards of a cluster scenario, one node each: the bridge, the bay, and one per ship's airlock. */
export const clusterBoards = ['sim-bridge', 'sim-bay', ...shipAirlocks.map((l) => `sim-airlock-${l.toLowerCase()}`)];
const NODE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const doorNames = ['bay door', ...letters.flatMap((l) => [`airlock ${l} outer`, `airlock ${l} inner`])];
const places = ['bay', ...letters.map((l) => `airlock ${l}`)];
const buttons = [...knownSignals()].filter(([name, spec]) => spec.kind === 'input' && !name.endsWith(' limit')).map(([name]) => name);
const sensors = [...knownSignals()].filter(([, spec]) => spec.kind === 'sensor').map(([name]) => name);
const ACTIONS = ['press', 'request', 'reset', 'reboot', 'cut', 'heal', 'link', 'store', 'leak', 'jam', 'unjam', 'sensorFault', 'clearSensorFault', 'pumpDead', 'pumpRevived', 'expect', 'eventually', 'always', 'never', 'wait'];
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The longest time a scenario may name (any `at`, `after`, `within`, `for`): a day of simulated time. */
const MAX_SCENARIO_MS = 24 * 3_600_000;

/** `1500`, `"1.5s"`, `"2m"`, `"250ms"` → milliseconds (undefined when not a time, or beyond a day). */
export function duration(x: unknown): number | undefined {
  const m = typeof x === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(x.trim()) : null;
  const ms = typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']! : undefined;
  return ms !== undefined && ms <= MAX_SCENARIO_MS ? ms : undefined;
}
const TIME_HELP = 'must be a time of at most 24 h: ms, or "1.5s", "2m", "1h"';

export function parseScenario(text: string, file: string): Scenario {
  let parsed;
  try { parsed = parseWithLines(text); } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ScenarioError(file, e.field, e.line, `${e.field ? '' : 'not valid JSON: '}${e.message.replace(/^line \d+: /, '')}`);
    throw e;
  }
  const { value, lines } = parsed;
  const fail = (field: string, detail: string): never => { throw new ScenarioError(file, field, lines.get(field), detail); };
  const obj = (x: unknown, field: string) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as { [k: string]: unknown }) : fail(field, 'must be an object'));
  const root = obj(value, '');
  for (const k of Object.keys(root)) if (!['name', 'description', 'board', 'seed', 'start', 'emptyChambers', 'cluster', 'steps'].includes(k)) fail(k, 'unknown field');
  if (root.cluster !== undefined && typeof root.cluster !== 'boolean') fail('cluster', 'must be true or false');
  if (root.cluster && root.board !== undefined) fail('board', 'a cluster runs on its own boards (one per node); leave "board" out');
  const empty = root.emptyChambers ?? [];
  if (!Array.isArray(empty) || empty.some((l) => !isAirlockLetter(l))) fail('emptyChambers', `must be a list of airlock letters (${letters.join(', ')}), e.g. ["A", "C"]`);
  if (typeof root.name !== 'string' || !root.name) fail('name', 'must be a non-empty string');
  const start = root.start ?? 'relaxed';
  if (!['relaxed', 'ready', 'active'].includes(start as string)) fail('start', 'must be "relaxed", "ready" or "active"');
  if (root.seed !== undefined && !Number.isInteger(root.seed)) fail('seed', 'must be an integer');
  if (!Array.isArray(root.steps) || root.steps.length === 0) fail('steps', 'must be a non-empty list');

  let lastAt = 0;
  const steps = (root.steps as unknown[]).map((raw, i) => {
    const field = `steps[${i}]`, step = obj(raw, field);
    if (has(step, 'at') && has(step, 'after')) fail(field, 'give "at" or "after", not both');
    const time = (key: 'at' | 'after') => duration(step[key]) ?? fail(`${field}.${key}`, TIME_HELP);
    const at = has(step, 'at') ? time('at') : undefined;
    if (at !== undefined && at < lastAt) fail(`${field}.at`, `goes back in time (${at} ms after ${lastAt} ms)`);
    if (at !== undefined) lastAt = at;
    const kinds = Object.keys(step).filter((k) => ACTIONS.includes(k));
    if (kinds.length !== 1) fail(field, `needs exactly one action of: ${ACTIONS.join(', ')}`);
    for (const k of Object.keys(step)) if (!['at', 'after', 'for', 'within', 'until', 'id', 'stuck', 'outOfRange', 'node', ...ACTIONS].includes(k)) fail(`${field}.${k}`, 'unknown field');
    if (step.id !== undefined && (typeof step.id !== 'string' || !step.id)) fail(`${field}.id`, 'must be a non-empty string');
    if (step.until !== undefined && !['always', 'never'].includes(kinds[0])) fail(`${field}.until`, 'only "always" and "never" watch until a step');
    const linkAction = ['cut', 'heal', 'link', 'store'].includes(kinds[0]) || step.node !== undefined;
    if (linkAction && root.cluster !== true) fail(field, 'link faults and nodes need "cluster": true');
    return { ...action(kinds[0], step, field), at, after: has(step, 'after') ? time('after') : 0, field, line: lines.get(field), id: step.id as string | undefined } as Step;
  });
  checkIds(steps);
  return { name: root.name as string, description: root.description as string | undefined, board: (root.board as string) ?? 'sim',
    seed: (root.seed as number) ?? 1, start: start as Scenario['start'], emptyChambers: empty as Scenario['emptyChambers'], cluster: root.cluster === true, steps,
    file, lines };

  // Step ids are unique, and `until` names a later step.
  function checkIds(list: Step[]) {
    const seen = new Map<string, number>();
    list.forEach((st, i) => {
      if (st.id === undefined) return;
      if (seen.has(st.id)) fail(`${st.field}.id`, `"${st.id}" is already the id of steps[${seen.get(st.id)}]`);
      seen.set(st.id, i);
    });
    list.forEach((st, i) => {
      const until = 'always' in st || 'never' in st ? st.until : undefined;
      if (until !== undefined && !((seen.get(until) ?? -1) > i)) fail(`${st.field}.until`, `must be the id of a later step (not ${JSON.stringify(until)})`);
    });
  }

  function action(kind: string, step: { [k: string]: unknown }, field: string): Action {
    const v = step[kind], at = `${field}.${kind}`;
    const oneOf = (list: string[], what: string) => (typeof v === 'string' && list.includes(v) ? v : fail(at, `must be ${what}: ${list.join(', ')}`));
    switch (kind) {
      case 'press': {
        if (typeof v !== 'string' || !buttons.includes(v)) fail(at, `must name a button, e.g. "airlock B button 2" or "deck ready request" (not ${JSON.stringify(v)})`);
        return { press: v as string, for: duration(step.for ?? 200) ?? fail(`${field}.for`, TIME_HELP) };
      }
      case 'request': return { request: oneOf(['active', 'ready', 'relaxed'], 'a deck state') as 'ready' };
      case 'reset': return { reset: oneOf(machineIds.filter((m) => m !== 'battle deck'), 'a machine') as MachineId };
      case 'reboot': {
        if (step.node !== undefined && (typeof step.node !== 'string' || !NODE_NAME.test(step.node))) fail(`${field}.node`, 'must be a node\'s name, e.g. "bay" or "airlock-b"');
        return { reboot: duration(v) ?? fail(at, `must be how long the power is off, e.g. "2s" (${TIME_HELP})`), node: step.node as string | undefined };
      }
      case 'store': {
        if (typeof step.node !== 'string' || !NODE_NAME.test(step.node)) fail(`${field}.node`, 'must be the node whose state store it is, e.g. "bay"');
        return { store: oneOf([...storeFaults], 'what happens to the node\'s state store') as StoreFault, node: step.node as string };
      }
      case 'cut': case 'heal': return { [kind]: typeof v === 'string' && NODE_NAME.test(v) ? v : fail(at, 'must be a node\'s name, e.g. "bay" or "airlock-b"') } as Action;
      case 'link': {
        const l = obj(v, at);
        for (const [k, x] of Object.entries(l)) {
          const ok = ['loss', 'duplicate'].includes(k) ? typeof x === 'number' && x >= 0 && x <= 1 : ['delayMs', 'jitterMs'].includes(k) && typeof x === 'number' && x >= 0;
          if (!ok) fail(`${at}.${k}`, 'loss and duplicate are chances 0..1; delayMs and jitterMs are ms ≥ 0');
        }
        return { link: l } as Action;
      }
      case 'leak': return { leak: typeof v === 'number' && v >= 0 ? v : fail(at, 'must be a rate in kPa/s (0 ends the leak)') };
      case 'jam': case 'unjam': return { [kind]: oneOf(doorNames, 'a door') } as Action;
      case 'pumpDead': case 'pumpRevived': return { [kind]: oneOf(places, 'a place') } as Action;
      case 'sensorFault': {
        if (typeof v !== 'string' || !sensors.includes(v)) fail(at, `must name a sensor: ${sensors.join(', ')}`);
        if ((step.stuck === undefined) === (step.outOfRange === undefined)) fail(field, 'give "stuck": <value> or "outOfRange": true');
        if (step.stuck !== undefined && typeof step.stuck !== 'number') fail(`${field}.stuck`, 'must be a number');
        return { sensorFault: v as string, stuck: step.stuck as number | undefined, outOfRange: step.outOfRange === true };
      }
      case 'clearSensorFault': return { clearSensorFault: oneOf(sensors, 'a sensor') };
      case 'expect': return { expect: expectation(v, at) };
      case 'eventually': return { eventually: expectation(v, at), within: duration(step.within) ?? fail(`${field}.within`, `${TIME_HELP}, e.g. "90s"`) };
      case 'always': case 'never': {
        if (step.for !== undefined && step.until !== undefined) fail(field, 'give "for" or "until", not both');
        const e = expectation(v, at);
        if (kind === 'always' && e.events) fail(`${at}.events`, '"always" cannot hold an event (use "never" for one that must not happen)');
        const forMs = step.for === undefined ? undefined : duration(step.for) ?? fail(`${field}.for`, TIME_HELP);
        return { [kind]: e, for: forMs, until: step.until as string | undefined } as unknown as Action;
      }
      default: return { wait: true };
    }
  }

  function expectation(x: unknown, field: string): Expectation {
    const e = obj(x, field);
    const keysIn = (group: string, allowed: string[]) => {
      const g = obj(e[group], `${field}.${group}`);
      for (const k of Object.keys(g)) if (!allowed.includes(k)) fail(`${field}.${group}.${k}`, `unknown; known: ${allowed.join(', ')}`);
      return g;
    };
    for (const group of Object.keys(e)) {
      if (group === 'states') {
        for (const [k, v] of Object.entries(keysIn(group, machineIds as string[]))) stateMatch(v, `${field}.states.${k}`);
      } else if (group === 'goals') {
        for (const [k, v] of Object.entries(keysIn(group, machineIds as string[]))) if (v !== null && typeof v !== 'string') fail(`${field}.goals.${k}`, 'must be a goal (a state name) or null');
      } else if (group === 'events') events(e[group], `${field}.events`);
      else if (group === 'doors') {
        for (const [k, v] of Object.entries(keysIn(group, doorNames))) if (!['open', 'closed', 'moving'].includes(v as string)) fail(`${field}.doors.${k}`, 'must be "open", "closed" or "moving"');
      } else if (group === 'pressures' || group === 'temperatures') {
        for (const [k, v] of Object.entries(keysIn(group, group === 'pressures' ? places : ['bay']))) {
          const r = obj(v, `${field}.${group}.${k}`);
          if (Object.keys(r).length === 0 || Object.entries(r).some(([rk, rv]) => !['above', 'below'].includes(rk) || typeof rv !== 'number')) {
            fail(`${field}.${group}.${k}`, 'must be { "above": n } and/or { "below": n }');
          }
        }
      } else if (group === 'indicators') {
        for (const [k, v] of Object.entries(keysIn(group, ['klaxon', 'warning lights']))) if (typeof v !== 'boolean') fail(`${field}.indicators.${k}`, 'must be true or false');
      } else fail(`${field}.${group}`, 'unknown; known: states, goals, doors, pressures, temperatures, indicators, events');
    }
    return e as Expectation;
  }

  function stateMatch(v: unknown, field: string): void {
    if (typeof v === 'string') return;
    const m = obj(v, field), keys = Object.keys(m);
    const names = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every((n) => typeof n === 'string');
    if (keys.length !== 1 || !['anyOf', 'not'].includes(keys[0])) fail(field, 'must be a state, { "anyOf": [states] } or { "not": state or [states] }');
    if (typeof m.not === 'string') m.not = [m.not];
    if (!names(m[keys[0]])) fail(`${field}.${keys[0]}`, 'must be a non-empty list of state names');
  }

  function events(v: unknown, field: string): void {
    if (!Array.isArray(v) || v.length === 0) fail(field, 'must be a non-empty list of { "kind": …, "machine"?, "event"?, "reason"? }');
    (v as unknown[]).forEach((x, i) => {
      const ev = obj(x, `${field}[${i}]`);
      for (const k of Object.keys(ev)) if (!['kind', 'machine', 'event', 'reason'].includes(k)) fail(`${field}[${i}].${k}`, 'unknown; known: kind, machine, event, reason');
      if (!(eventKinds as readonly unknown[]).includes(ev.kind)) fail(`${field}[${i}].kind`, `must be one of: ${eventKinds.join(', ')}`);
      for (const k of ['machine', 'event', 'reason']) if (ev[k] !== undefined && (typeof ev[k] !== 'string' || !ev[k])) fail(`${field}[${i}].${k}`, 'must be a non-empty string');
    });
  }
}
