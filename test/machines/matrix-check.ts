// Checks a machine definition cell by cell against an expected matrix typed out from MACHINES.md,
// in every state (and every goal and sensor reading given), and reports all differing cells at once.
import { createMachine, defineMachine, ImpossibleEventError, type Cell, type MachineDefinition } from '../../firmware';

/** Where a cell is tried: the goal the machine holds and what each sensor reads. */
export type Situation<Sn extends string = never> = { readonly goal: string | undefined } & { readonly [K in Sn]: boolean };
/** A state name, `no change`, `beep` or `impossible`; with the goal when the event's goal rule does not give it. */
export type Outcome = string | { readonly state: string; readonly goal: string | undefined };
export type ExpectedCell<Sn extends string = never> = Outcome | ((s: Situation<Sn>) => Outcome);

export interface ExpectedMachine<Sn extends string = never> {
  /** Sensors to try both values of. */
  readonly sensors?: readonly Sn[];
  /** Goals to place the machine in (default: no goal). */
  readonly goals?: readonly (string | undefined)[];
  /** Events that set the goal in every cell that is neither `beep` nor `impossible`. */
  readonly setsGoal?: { readonly [event: string]: (s: Situation<Sn>) => string | undefined };
  readonly matrix: { readonly [state: string]: { readonly [event: string]: ExpectedCell<Sn> } };
}

// Any definition, whatever its state, event, goal and sensor names.
type AnyDefinition = MachineDefinition<any, any, any, any>;

/** Builds an expected matrix from rows written like MACHINES.md's tables: one cell per event, in `events` order. */
export function byColumn<Sn extends string = never>(
  events: readonly string[], rows: { readonly [state: string]: readonly ExpectedCell<Sn>[] },
): ExpectedMachine<Sn>['matrix'] {
  return Object.fromEntries(Object.entries(rows).map(([state, row]) => {
    if (row.length !== events.length) throw new Error(`expected row "${state}" has ${row.length} cells for ${events.length} events`);
    return [state, Object.fromEntries(events.map((event, i) => [event, row[i]]))];
  }));
}

interface Case<Sn extends string> {
  readonly state: string;
  readonly event: string;
  readonly situation: Situation<Sn>;
  readonly sensors: { readonly [sensor: string]: () => boolean };
  readonly label: string;    // e.g. `closed pressurized [goal=inner open, bayHostile, !chamberPressurized] + ask open outer`
  readonly want: string;     // a state name, `no change`, `beep` or `impossible`
  readonly wantGoal: string | undefined;
}

/** Every differing cell, one line each: `state + event != expected -- new state = actual instead`. */
export function matrixMismatches<Sn extends string>(definition: AnyDefinition, expected: ExpectedMachine<Sn>): string[] {
  const lines = shapeMismatches(definition, expected);
  if (lines.length > 0) return lines;
  for (const c of cases(expected)) {
    let beeps = 0;
    const { state, goal } = run(definition, c, { onBeep: () => { beeps++; } });
    const got = state !== c.state ? state : beeps === 0 ? 'no change' : beeps === 1 ? 'beep' : `${beeps} beeps`;
    const want = c.want === c.state ? 'no change' : c.want; // `→ X` from X leaves the state as it was
    if (got === want && goal === c.wantGoal) continue;
    const goals = goal === c.wantGoal ? ['', ''] : [`, goal=${c.wantGoal}`, `, goal=${goal}`];
    lines.push(`${c.label} != ${c.want}${goals[0]} -- new state = ${got}${goals[1]} instead`);
  }
  return lines;
}

/** Every cell that changes the state or the goal, tried with a vetoing pre hook: each must leave both as they were. */
export function vetoMismatches<Sn extends string>(definition: AnyDefinition, expected: ExpectedMachine<Sn>): string[] {
  const lines = shapeMismatches(definition, expected);
  if (lines.length > 0) return lines;
  let tried = 0;
  for (const c of cases(expected)) {
    const moves = !['no change', 'beep', 'impossible', c.state].includes(c.want) || c.wantGoal !== c.situation.goal;
    if (!moves) continue;
    tried++;
    let asked = 0;
    const { state, goal } = run(definition, c, { pre: () => { asked++; return false; } });
    if (state === c.state && goal === c.situation.goal && asked > 0) continue;
    const unasked = asked === 0 ? ', pre hook never asked' : '';
    lines.push(`${c.label} vetoed != ${c.state}, goal=${c.situation.goal} -- new state = ${state}, goal=${goal}${unasked} instead`);
  }
  if (tried === 0) lines.push(`${definition.name}: no expected cell changes the state or the goal, so no veto was tried`);
  return lines;
}

/** Fails once, listing every differing cell. */
export function expectMatrix<Sn extends string>(definition: AnyDefinition, expected: ExpectedMachine<Sn>): void {
  const lines = matrixMismatches(definition, expected);
  if (lines.length > 0) throw new Error(`${definition.name}: ${lines.length} cells differ from MACHINES.md:\n${lines.join('\n')}`);
}

/** A copy of a definition with some cells (and event goal rules) replaced, defined afresh: a mutant to check the checker. */
export function redefine(
  definition: AnyDefinition,
  cells: readonly (readonly [state: string, event: string, cell: Cell<string>])[],
  setsGoal: { readonly [event: string]: () => string } = {},
): AnyDefinition {
  const { name, initial, states, events, sensors, goals, initialGoal, follow, sense } = definition;
  const matrix = Object.fromEntries(states.map((s: string) => [s, events.map((e: string) => definition.cell(s, e))]));
  for (const [state, event, cell] of cells) matrix[state][events.indexOf(event)] = cell;
  const goalRules = Object.fromEntries(events.flatMap((e: string, i: number) => (definition.goalOf[i] ? [[e, definition.goalOf[i]]] : [])));
  return defineMachine({ name, initial, states, events, sensors, goals, initialGoal, follow, sense, matrix, setsGoal: { ...goalRules, ...setsGoal } } as any);
}

// The two sides must name the same states and events before their cells can be compared.
function shapeMismatches<Sn extends string>(definition: AnyDefinition, expected: ExpectedMachine<Sn>): string[] {
  const lines: string[] = [];
  const expectedStates = Object.keys(expected.matrix);
  const differ = (what: string, theirs: readonly string[], ours: readonly string[]) => {
    for (const n of ours) if (!theirs.includes(n)) lines.push(`${what} "${n}" is expected but not in ${definition.name}`);
    for (const n of theirs) if (!ours.includes(n)) lines.push(`${what} "${n}" of ${definition.name} is not expected`);
  };
  differ('state', definition.states, expectedStates);
  for (const state of expectedStates) differ(`${state}: event`, definition.events, Object.keys(expected.matrix[state]));
  return lines;
}

function* cases<Sn extends string>(expected: ExpectedMachine<Sn>): Generator<Case<Sn>> {
  const sensors = expected.sensors ?? [];
  const labelled = sensors.length > 0 || expected.goals !== undefined;
  for (const situation of situations(expected.goals ?? [undefined], sensors)) {
    const readings = sensors.map((s) => (situation[s] ? s : `!${s}`));
    const where = labelled ? ` [${[`goal=${situation.goal}`, ...readings].join(', ')}]` : '';
    const read = Object.fromEntries(sensors.map((s) => [s, () => situation[s]]));
    for (const [state, row] of Object.entries(expected.matrix)) {
      for (const [event, cell] of Object.entries(row)) {
        const outcome = typeof cell === 'function' ? cell(situation) : cell;
        const want = typeof outcome === 'string' ? outcome : outcome.state;
        const rule = expected.setsGoal?.[event];
        const wantGoal = typeof outcome !== 'string' ? outcome.goal
          : want === 'beep' || want === 'impossible' || !rule ? situation.goal : rule(situation);
        yield { state, event, situation, sensors: read, label: `${state}${where} + ${event}`, want, wantGoal };
      }
    }
  }
}

function situations<Sn extends string>(goals: readonly (string | undefined)[], sensors: readonly Sn[]): Situation<Sn>[] {
  let all: Record<string, boolean | string | undefined>[] = goals.map((goal) => ({ goal }));
  for (const sensor of sensors) all = all.flatMap((s) => [{ ...s, [sensor]: false }, { ...s, [sensor]: true }]);
  return all as unknown as Situation<Sn>[];
}

// Places a fresh machine in the case's state, goal and sensor readings, sends the event, and reads where it ended.
function run<Sn extends string>(definition: AnyDefinition, c: Case<Sn>, hooks: { pre?: () => boolean; onBeep?: () => void }) {
  try {
    const machine = createMachine(definition, { state: c.state, goal: c.situation.goal, sensors: c.sensors, ...hooks });
    try {
      machine.handle(c.event);
    } catch (error) {
      if (error instanceof ImpossibleEventError && machine.state === c.state) return { state: 'impossible', goal: machine.goal };
      throw error;
    }
    return { state: machine.state as string, goal: machine.goal as string | undefined };
  } catch (error) {
    return { state: `(${String(error)})`, goal: c.situation.goal };
  }
}
