// defineMachine: checks that a matrix decides every cell, and compiles it into flat tables for dispatch.
import type { Cell, NoChange, To } from './cells';
import { DefinitionError } from './errors';

/** Named boolean readings, e.g. `{ bayHostile: () => true }`. */
export type Sensors<Sn extends string = string> = { readonly [K in Sn]: () => boolean };

/** One row of a matrix: a cell for each event, in the order of `events`. */
export type Row<S extends string, Sn extends string, E extends readonly string[]> = { readonly [K in keyof E]: Cell<S, Sn> };

export interface Follow<S extends string, G extends string, Sn extends string> {
  /** The next state toward `goal`, given the sensors now. */
  next(goal: G | undefined, sensors: Sensors<Sn>): S;
  /** Where to rest when that next step is vetoed. */
  rest(sensors: Sensors<Sn>): S;
  /** The goal as re-read from the sensors when the step is taken (default: unchanged). */
  goal?(goal: G | undefined, sensors: Sensors<Sn>): G | undefined;
}

export interface Definition<S extends string, E extends readonly string[], Sn extends string, G extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: E;
  readonly initial: NoInfer<S>;
  /** The sensors that conditional and follow-goal cells read. */
  readonly sensors?: readonly Sn[];
  /** The goal values; absent for a machine without goals. */
  readonly goals?: readonly G[];
  readonly initialGoal?: NoInfer<G>;
  /** Events that set the goal in every cell that is neither `beep` nor `impossible`. */
  readonly setsGoal?: { readonly [K in E[number]]?: (sensors: Sensors<NoInfer<Sn>>) => NoInfer<G> };
  readonly follow?: Follow<NoInfer<S>, NoInfer<G>, NoInfer<Sn>>;
  /** States down, events across: `matrix[state]` is the row of cells in event order. */
  readonly matrix: { readonly [K in NoInfer<S>]: Row<NoInfer<S>, NoInfer<Sn>, E> };
}

// Cell kinds as small integers, so dispatch is a table lookup and a switch.
export const TO = 0, NO_CHANGE = 1, BEEP = 2, IMPOSSIBLE = 3, FOLLOW = 4, WHEN = 5;
const KIND_CODE = { 'to': TO, 'no change': NO_CHANGE, 'beep': BEEP, 'impossible': IMPOSSIBLE, 'follow goal': FOLLOW, 'when': WHEN } as const;

/** A checked definition with its matrix flattened to `cells[state * events.length + event]`. */
export interface MachineDefinition<S extends string = string, E extends string = string, G extends string = string, Sn extends string = string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly initial: S;
  readonly sensors: readonly Sn[];
  readonly goals: readonly G[];
  readonly initialGoal: G | undefined;
  readonly follow: Follow<S, G, Sn> | undefined;
  /** The cells as written, for tools: `cell(state, event)`. */
  cell(state: S, event: E): Cell<S, Sn>;
  readonly stateIndex: { readonly [name: string]: number };
  readonly eventIndex: { readonly [name: string]: number };
  readonly kind: Uint8Array;      // kind of each cell (WHEN resolves at run time)
  readonly target: Int16Array;    // target state index of TO cells, or of the `then` side of WHEN
  readonly thenKind: Uint8Array;  // WHEN: kind of the `then` side (TO or NO_CHANGE)
  readonly elseKind: Uint8Array;  // WHEN: kind of the `otherwise` side
  readonly elseTarget: Int16Array;
  readonly sensorOf: readonly (Sn | undefined)[]; // WHEN: sensor name
  readonly goalOf: readonly (((sensors: Sensors<Sn>) => G) | undefined)[]; // per event
}

function indexOf(machine: string, field: string, names: readonly string[]): { [name: string]: number } {
  if (!Array.isArray(names) || names.length === 0) throw new DefinitionError(machine, field, 'must be a non-empty list of names');
  const index: { [name: string]: number } = Object.create(null);
  names.forEach((n, i) => {
    if (typeof n !== 'string' || n === '') throw new DefinitionError(machine, `${field}[${i}]`, 'must be a non-empty string');
    if (index[n] !== undefined) throw new DefinitionError(machine, field, `"${n}" is listed twice`);
    index[n] = i;
  });
  return index;
}

/** Defines a machine from its matrix. Leaving out a cell is a type error here, and a DefinitionError at run time. */
export function defineMachine<const S extends string, const E extends readonly string[], const Sn extends string = never, const G extends string = never>(
  def: Definition<S, E, Sn, G>,
): MachineDefinition<S, E[number], G, Sn> {
  const name = typeof def.name === 'string' && def.name ? def.name : '(unnamed machine)';
  const stateIndex = indexOf(name, 'states', def.states);
  const eventIndex = indexOf(name, 'events', def.events);
  const sensors: readonly Sn[] = def.sensors ?? [];
  const goals: readonly G[] = def.goals ?? [];
  if (stateIndex[def.initial] === undefined) throw new DefinitionError(name, 'initial', `"${def.initial}" is not a state`);
  if (def.initialGoal !== undefined && !goals.includes(def.initialGoal)) throw new DefinitionError(name, 'initialGoal', `"${def.initialGoal}" is not a goal`);

  const nS = def.states.length, nE = def.events.length;
  const kind = new Uint8Array(nS * nE), target = new Int16Array(nS * nE).fill(-1);
  const thenKind = new Uint8Array(nS * nE), elseKind = new Uint8Array(nS * nE), elseTarget = new Int16Array(nS * nE).fill(-1);
  const sensorOf: (Sn | undefined)[] = new Array(nS * nE).fill(undefined);

  const matrix = (def.matrix ?? {}) as { readonly [state: string]: readonly Cell<string, string>[] | undefined };
  for (const key of Object.keys(matrix)) {
    if (stateIndex[key] === undefined) throw new DefinitionError(name, `matrix["${key}"]`, 'is not a state');
  }
  def.states.forEach((state, s) => {
    const row = matrix[state];
    if (!Array.isArray(row)) throw new DefinitionError(name, `matrix["${state}"]`, 'the row is missing');
    if (row.length > nE) throw new DefinitionError(name, `matrix["${state}"]`, `has ${row.length} cells for ${nE} events`);
    def.events.forEach((event, e) => {
      const where = `matrix["${state}"]["${event}"]`;
      const cell = row[e];
      if (!cell || typeof cell !== 'object') throw new DefinitionError(name, where, `the cell ${state} + ${event} is missing`);
      const i = s * nE + e;
      const code = (KIND_CODE as { [k: string]: number })[cell.kind];
      if (code === undefined) throw new DefinitionError(name, where, `unknown cell kind "${String(cell.kind)}"`);
      kind[i] = code;
      if (cell.kind === 'to') target[i] = targetIndex(cell, where);
      if (cell.kind === 'follow goal' && !def.follow) throw new DefinitionError(name, where, '"follow goal" needs a follow function');
      if (cell.kind === 'when') {
        if (!sensors.includes(cell.sensor as Sn)) throw new DefinitionError(name, where, `reads "${cell.sensor}", which is not among the sensors`);
        sensorOf[i] = cell.sensor as Sn;
        const [k1, t1] = branch(cell.then, `${where}.then`), [k2, t2] = branch(cell.otherwise, `${where}.otherwise`);
        thenKind[i] = k1; target[i] = t1; elseKind[i] = k2; elseTarget[i] = t2;
      }
    });
  });

  function targetIndex(cell: To<string>, where: string): number {
    const t = stateIndex[cell.target];
    if (t === undefined) throw new DefinitionError(name, where, `"${cell.target}" is not a state`);
    return t;
  }
  function branch(cell: To<string> | NoChange, where: string): [number, number] {
    if (cell?.kind === 'to') return [TO, targetIndex(cell, where)];
    if (cell?.kind === 'no change') return [NO_CHANGE, -1];
    throw new DefinitionError(name, where, 'a conditional cell chooses between "→ X" and "no change"');
  }

  const goalOf: (((sensors: Sensors<Sn>) => G) | undefined)[] = new Array(nE).fill(undefined);
  for (const [event, fn] of Object.entries(def.setsGoal ?? {})) {
    if (eventIndex[event] === undefined) throw new DefinitionError(name, `setsGoal["${event}"]`, 'is not an event');
    if (typeof fn !== 'function') throw new DefinitionError(name, `setsGoal["${event}"]`, 'must be a function of the sensors');
    goalOf[eventIndex[event]] = fn as (sensors: Sensors<Sn>) => G;
  }

  checkFunctions(name, def, stateIndex, sensors, goals);

  return {
    name, states: def.states, events: def.events as readonly E[number][], initial: def.initial,
    sensors, goals, initialGoal: def.initialGoal, follow: def.follow,
    cell: (state, event) => (matrix[state] as readonly Cell<S, Sn>[])[eventIndex[event]],
    stateIndex, eventIndex, kind, target, thenKind, elseKind, elseTarget, sensorOf, goalOf,
  };
}

// Goal and follow functions are code, not cells: try them under every sensor reading and goal, so a
// wrong state or goal name fails here, at definition time, rather than in the field.
function checkFunctions<S extends string, Sn extends string, G extends string>(
  name: string, def: Definition<S, readonly string[], Sn, G>, stateIndex: { [n: string]: number }, sensors: readonly Sn[], goals: readonly G[],
): void {
  const goalOk = (g: unknown) => g === undefined || goals.includes(g as G);
  for (let bits = 0; bits < 1 << sensors.length; bits++) {
    const readings = {} as { [K in Sn]: () => boolean };
    sensors.forEach((sn, i) => { readings[sn] = () => ((bits >> i) & 1) === 1; });
    for (const [event, fn] of Object.entries(def.setsGoal ?? {})) {
      const g = (fn as (s: Sensors<Sn>) => G)(readings);
      if (!goals.includes(g)) throw new DefinitionError(name, `setsGoal["${event}"]`, `returns "${g}", which is not a goal`);
    }
    if (!def.follow) continue;
    const rest = def.follow.rest(readings);
    if (stateIndex[rest] === undefined) throw new DefinitionError(name, 'follow.rest', `returns "${rest}", which is not a state`);
    for (const goal of [undefined, ...goals]) {
      const reread = def.follow.goal ? def.follow.goal(goal, readings) : goal;
      if (!goalOk(reread)) throw new DefinitionError(name, 'follow.goal', `returns "${reread}", which is not a goal`);
      const next = def.follow.next(reread, readings);
      if (stateIndex[next] === undefined) throw new DefinitionError(name, 'follow.next', `returns "${next}", which is not a state`);
    }
  }
}
