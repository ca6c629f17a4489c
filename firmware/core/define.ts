// defineMachine: compiles a matrix into flat tables for dispatch. Checking that the matrix decides every cell is
// the opt-in dev module's job (./dev, loaded by the firmware barrel), so the device pays nothing for it.
import type { Cell } from './cells';

/** Named boolean readings, e.g. `{ bayHostile: () => true }`. */
export type Sensors<Sn extends string = string> = { readonly [K in Sn]: () => boolean };

/** One row of a matrix: a cell for each event, in the order of `events`. */
type Row<S extends string, Sn extends string, E extends readonly string[]> = { readonly [K in keyof E]: Cell<S, Sn> };

export interface Follow<S extends string, G extends string, Sn extends string> {
  /** The next state toward `goal`, given the sensors now and the state the step is taken from. */
  next(goal: G | undefined, sensors: Sensors<Sn>, from: S): S;
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
  /** Events that set the goal (undefined: clear it) in every cell that is neither `beep` nor `impossible`. */
  readonly setsGoal?: { readonly [K in E[number]]?: (sensors: Sensors<NoInfer<Sn>>) => NoInfer<G> | undefined };
  readonly follow?: Follow<NoInfer<S>, NoInfer<G>, NoInfer<Sn>>;
  /** The state the sensors show, for `from sensors` cells: no state is assumed. */
  readonly sense?: (sensors: Sensors<NoInfer<Sn>>) => NoInfer<S>;
  /** States down, events across: `matrix[state]` is the row of cells in event order. */
  readonly matrix: { readonly [K in NoInfer<S>]: Row<NoInfer<S>, NoInfer<Sn>, E> };
}

/** Cell kinds as small integers, so dispatch is a table lookup and a few comparisons. @family (knip.jsonc) */
export const TO = 0, NO_CHANGE = 1, BEEP = 2, IMPOSSIBLE = 3, FOLLOW = 4, WHEN = 5, SENSE = 6, UNKNOWN = 7, GOAL = 1 << 30;
export const KIND_CODE: { readonly [kind: string]: number } = {
  'to': TO, 'no change': NO_CHANGE, 'beep': BEEP, 'impossible': IMPOSSIBLE, 'follow goal': FOLLOW, 'when': WHEN, 'from sensors': SENSE,
};

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
  readonly sense: ((sensors: Sensors<Sn>) => S) | undefined;
  /** The cells as written, for tools: `cell(state, event)`. */
  cell(state: S, event: E): Cell<S, Sn>;
  readonly stateIndex: { readonly [name: string]: number };
  readonly eventIndex: { readonly [name: string]: number };
  /**
   * Each cell as one number, by state and event name: `rows[state][event]`, so dispatch finds a cell with one lookup.
   * A `→ X` by an event that sets no goal is ~X, X's index bit-inverted (a negative number). Otherwise the kind is
   * in the low 3 bits; for `→ X`, X's index is above them; for a `when`, the sensor's position (bits 3–7) and each
   * side as X's index + 1, or 0 for `no change` (`then` in bits 8–18, `otherwise` from bit 19). Bit 30 (GOAL) marks
   * the cells of an event that sets the goal, except beeps and impossible cells, where it sets nothing. `rows[states.length]` is the unknown state's row,
   * where every event is refused (kind UNKNOWN).
   */
  readonly rows: readonly { readonly [event: string]: number }[];
  readonly goalOf: readonly (((sensors: Sensors<Sn>) => G | undefined) | undefined)[]; // per event
  /** The same goal rules by event name, for dispatch. */
  readonly setsGoal: { readonly [event: string]: (sensors: Sensors<Sn>) => G | undefined };
}

/**
 * What the dev module plugs in (as robot3's debug module does): definition checks, and checks of instance options
 * and restored states. Without it the engine trusts its input, which the tests have already checked.
 */
export const checks: {
  define?(def: Definition<string, readonly string[], string, string>): void;
  create?(name: string, def: MachineDefinition, sensors: object): void;
  restore?(name: string, def: MachineDefinition, state: string, goal: string | undefined): void;
} = {};

// Name → position, without Object's own names (an event called `toString` is unknown, not a function).
const indexOf = (names: readonly string[]): { [name: string]: number } => {
  const index = Object.create(null);
  names.forEach((n, i) => { index[n] = i; });
  return index;
};

/** Defines a machine from its matrix. Leaving out a cell is a type error here (and a DefinitionError under ./dev). */
export function defineMachine<const S extends string, const E extends readonly string[], const Sn extends string = never, const G extends string = never>(
  def: Definition<S, E, Sn, G>,
): MachineDefinition<S, E[number], G, Sn> {
  checks.define?.(def);
  const { states, events } = def, matrix = def.matrix as { readonly [state: string]: readonly Cell<string, Sn>[] };
  const stateIndex = indexOf(states), eventIndex = indexOf(events), sensors = def.sensors ?? [];
  // A side of a `when`: X's index + 1 for `→ X`, 0 for `no change`.
  const side = (c: Cell<string, Sn>) => (c.kind === 'to' ? stateIndex[c.target] + 1 : 0);
  // A `→ X` by an event that sets no goal is ~X (negative), so dispatch tells the commonest transition by its sign.
  const code = (c: Cell<string, Sn>, goal: number): number => (c.kind === 'to' ? (goal ? TO | stateIndex[c.target] << 3 | goal : ~stateIndex[c.target])
    : c.kind === 'when' ? WHEN | sensors.indexOf(c.sensor) << 3 | side(c.then) << 8 | side(c.otherwise) << 19 | goal
    : c.kind === 'beep' || c.kind === 'impossible' ? KIND_CODE[c.kind] : KIND_CODE[c.kind] | goal);
  // Rows without a prototype: an event called `toString` is unknown, not a function.
  const row = (cell: (e: number) => number) => {
    const r = Object.create(null);
    events.forEach((event, e) => { r[event] = cell(e); });
    return r;
  };
  const setsGoal = (def.setsGoal ?? {}) as { readonly [event: string]: ((s: Sensors<Sn>) => G | undefined) | undefined };
  const goalOf = events.map((event) => setsGoal[event]), goal = (e: number) => (goalOf[e] ? GOAL : 0);
  const rows = [...states.map((state) => row((e) => code(matrix[state][e], goal(e)))), row(() => UNKNOWN)];
  // What dispatch reads comes first: XS finds a property by walking the object's properties in order.
  return {
    rows, states, setsGoal: Object.assign(Object.create(null), setsGoal), goalOf,
    stateIndex, follow: def.follow, sense: def.sense, eventIndex,
    name: def.name, events: events as readonly E[number][], initial: def.initial,
    sensors, goals: def.goals ?? [], initialGoal: def.initialGoal,
    cell: (state, event) => matrix[state][eventIndex[event]] as Cell<S, Sn>,
  };
}
