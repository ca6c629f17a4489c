// The scenario file format (docs/SCENARIOS.md): timed operator actions and expectations, checked on load.
import { knownSignals, machineIds, type MachineId } from '../../firmware/board/signals';
import { JsonSyntaxError, parseWithLines } from './json-lines';

export type DoorName = 'bay door' | `airlock ${'A' | 'B' | 'C' | 'D'} ${'outer' | 'inner'}`;
export type Place = 'bay' | `airlock ${'A' | 'B' | 'C' | 'D'}`;
export interface Range { above?: number; below?: number }

export interface Expectation {
  states?: { [id in MachineId]?: string };
  goals?: { [id in MachineId]?: string | null };
  doors?: { [door: string]: 'open' | 'closed' | 'moving' };
  pressures?: { [place: string]: Range };
  temperatures?: { bay?: Range };
  indicators?: { klaxon?: boolean; 'warning lights'?: boolean };
}

export type Action =
  | { press: string; for: number }
  | { request: 'active' | 'ready' | 'relaxed' }
  | { reset: MachineId }
  | { reboot: number; node?: string }
  | { cut: string } | { heal: string }
  | { link: { loss?: number; delayMs?: number; jitterMs?: number; duplicate?: number } }
  | { leak: number }
  | { jam: DoorName } | { unjam: DoorName }
  | { sensorFault: string; stuck?: number; outOfRange?: boolean } | { clearSensorFault: string }
  | { pumpDead: Place } | { pumpRevived: Place }
  | { expect: Expectation }
  | { eventually: Expectation; within: number }
  | { wait: true };

/** `at` is absolute (ms from the start); otherwise the step runs `after` ms after the previous one finished. */
export type Step = Action & { at?: number; after: number; field: string; line?: number };

export interface Scenario {
  name: string;
  description?: string;
  board: string;
  seed: number;
  /** The deck state the bay starts settled in. */
  start: 'relaxed' | 'ready' | 'active';
  /** Airlocks whose chamber starts empty (`closed depressurized`). */
  emptyChambers: ('A' | 'B' | 'C' | 'D')[];
  /** Run as several nodes on the in-process bus (`clusterBoards`), instead of one board. */
  cluster: boolean;
  steps: Step[];
}

export class ScenarioError extends Error {
  constructor(readonly file: string, readonly field: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'ScenarioError';
  }
}

const letters = ['A', 'B', 'C', 'D'];
/** The boards of a cluster scenario, one node each. */
export const clusterBoards = ['sim-bridge', 'sim-bay', 'sim-airlock-a', 'sim-airlock-b', 'sim-airlock-c', 'sim-airlock-d'];
const nodeNames = ['bridge', 'bay', 'airlock-a', 'airlock-b', 'airlock-c', 'airlock-d'];
const doorNames = ['bay door', ...letters.flatMap((l) => [`airlock ${l} outer`, `airlock ${l} inner`])];
const places = ['bay', ...letters.map((l) => `airlock ${l}`)];
const buttons = [...knownSignals()].filter(([name, spec]) => spec.kind === 'input' && !name.endsWith(' limit')).map(([name]) => name);
const sensors = [...knownSignals()].filter(([, spec]) => spec.kind === 'sensor').map(([name]) => name);
const ACTIONS = ['press', 'request', 'reset', 'reboot', 'cut', 'heal', 'link', 'leak', 'jam', 'unjam', 'sensorFault', 'clearSensorFault', 'pumpDead', 'pumpRevived', 'expect', 'eventually', 'wait'];

/** `1500`, `"1.5s"`, `"2m"`, `"250ms"` → milliseconds. */
export function duration(x: unknown): number | undefined {
  if (typeof x === 'number' && Number.isFinite(x) && x >= 0) return x;
  const m = typeof x === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(x.trim()) : null;
  return m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']! : undefined;
}

export function parseScenario(text: string, file: string): Scenario {
  let parsed;
  try { parsed = parseWithLines(text); } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ScenarioError(file, '', e.line, `not valid JSON: ${e.message.replace(/^line \d+: /, '')}`);
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
  if (!Array.isArray(empty) || empty.some((l) => !letters.includes(l as string))) fail('emptyChambers', 'must be a list of airlock letters, e.g. ["A", "C"]');
  if (typeof root.name !== 'string' || !root.name) fail('name', 'must be a non-empty string');
  const start = root.start ?? 'relaxed';
  if (!['relaxed', 'ready', 'active'].includes(start as string)) fail('start', 'must be "relaxed", "ready" or "active"');
  if (root.seed !== undefined && !Number.isInteger(root.seed)) fail('seed', 'must be an integer');
  if (!Array.isArray(root.steps) || root.steps.length === 0) fail('steps', 'must be a non-empty list');

  let lastAt = 0;
  const steps = (root.steps as unknown[]).map((raw, i) => {
    const field = `steps[${i}]`, step = obj(raw, field);
    if ('at' in step && 'after' in step) fail(field, 'give "at" or "after", not both');
    const time = (key: 'at' | 'after') => duration(step[key]) ?? fail(`${field}.${key}`, 'must be a time: ms, or "1.5s", "2m"');
    const at = 'at' in step ? time('at') : undefined;
    if (at !== undefined && at < lastAt) fail(`${field}.at`, `goes back in time (${at} ms after ${lastAt} ms)`);
    if (at !== undefined) lastAt = at;
    const kinds = Object.keys(step).filter((k) => ACTIONS.includes(k));
    if (kinds.length !== 1) fail(field, `needs exactly one action of: ${ACTIONS.join(', ')}`);
    for (const k of Object.keys(step)) if (!['at', 'after', 'for', 'within', 'stuck', 'outOfRange', 'node', ...ACTIONS].includes(k)) fail(`${field}.${k}`, 'unknown field');
    const linkAction = ['cut', 'heal', 'link'].includes(kinds[0]) || step.node !== undefined;
    if (linkAction && root.cluster !== true) fail(field, 'link faults and nodes need "cluster": true');
    return { ...action(kinds[0], step, field), at, after: 'after' in step ? time('after') : 0, field, line: lines.get(field) } as Step;
  });
  return { name: root.name as string, description: root.description as string | undefined, board: (root.board as string) ?? 'sim',
    seed: (root.seed as number) ?? 1, start: start as Scenario['start'], emptyChambers: empty as Scenario['emptyChambers'], cluster: root.cluster === true, steps };

  function action(kind: string, step: { [k: string]: unknown }, field: string): Action {
    const v = step[kind], at = `${field}.${kind}`;
    const oneOf = (list: string[], what: string) => (typeof v === 'string' && list.includes(v) ? v : fail(at, `must be ${what}: ${list.join(', ')}`));
    switch (kind) {
      case 'press': {
        if (typeof v !== 'string' || !buttons.includes(v)) fail(at, `must name a button, e.g. "airlock B button 2" or "deck ready request" (not ${JSON.stringify(v)})`);
        return { press: v as string, for: duration(step.for ?? 200) ?? fail(`${field}.for`, 'must be a time') };
      }
      case 'request': return { request: oneOf(['active', 'ready', 'relaxed'], 'a deck state') as 'ready' };
      case 'reset': return { reset: oneOf(machineIds.filter((m) => m !== 'battle deck'), 'a machine') as MachineId };
      case 'reboot': {
        if (step.node !== undefined && !nodeNames.includes(step.node as string)) fail(`${field}.node`, `must be a node: ${nodeNames.join(', ')}`);
        return { reboot: duration(v) ?? fail(at, 'must be how long the power is off, e.g. "2s"'), node: step.node as string | undefined };
      }
      case 'cut': case 'heal': return { [kind]: oneOf(nodeNames, 'a node') } as Action;
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
      case 'eventually': return { eventually: expectation(v, at), within: duration(step.within) ?? fail(`${field}.within`, 'must be a time, e.g. "90s"') };
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
      if (group === 'states' || group === 'goals') keysIn(group, machineIds as string[]);
      else if (group === 'doors') {
        for (const [k, v] of Object.entries(keysIn(group, doorNames))) if (!['open', 'closed', 'moving'].includes(v as string)) fail(`${field}.doors.${k}`, 'must be "open", "closed" or "moving"');
      } else if (group === 'pressures' || group === 'temperatures') {
        for (const [k, v] of Object.entries(keysIn(group, group === 'pressures' ? places : ['bay']))) {
          const r = obj(v, `${field}.${group}.${k}`);
          if (Object.keys(r).length === 0 || Object.entries(r).some(([rk, rv]) => !['above', 'below'].includes(rk) || typeof rv !== 'number')) {
            fail(`${field}.${group}.${k}`, 'must be { "above": n } and/or { "below": n }');
          }
        }
      } else if (group === 'indicators') keysIn(group, ['klaxon', 'warning lights']);
      else fail(`${field}.${group}`, 'unknown; known: states, goals, doors, pressures, temperatures, indicators');
    }
    return e as Expectation;
  }
}
