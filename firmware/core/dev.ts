// The engine's dev module (like robot3's debug): importing it makes defineMachine check that a matrix decides every
// cell, try goal and follow functions under every sensor reading, and check instance options and restored states.
// The firmware barrel (firmware/index.ts) loads it, so tests and tools check; the device build leaves it out.
import type { Cell, NoChange, To } from './cells';
import { checks, KIND_CODE, type Definition, type Sensors } from './define';

/** A machine definition (or instance options) that is not a complete, consistent matrix. */
export class DefinitionError extends Error {
  constructor(readonly machine: string, readonly field: string, detail: string) {
    super(`${machine}: ${field}: ${detail}`);
    this.name = 'DefinitionError';
  }
}

type AnyDefinition = Definition<string, readonly string[], string, string>;

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

/** Throws a DefinitionError naming the machine and field of the first thing wrong with `def`. */
function checkDefinition(def: AnyDefinition): void {
  const name = typeof def.name === 'string' && def.name ? def.name : '(unnamed machine)';
  const stateIndex = indexOf(name, 'states', def.states);
  const eventIndex = indexOf(name, 'events', def.events);
  const sensors = def.sensors ?? [], goals = def.goals ?? [];
  if (stateIndex[def.initial] === undefined) throw new DefinitionError(name, 'initial', `"${def.initial}" is not a state`);
  // A cell is one number (MachineDefinition.rows): a `when`'s sensor has 5 bits, each of its sides 11.
  if (def.states.length > 2046) throw new DefinitionError(name, 'states', `${def.states.length} states, more than a cell can name (2046)`);
  if (sensors.length > 32) throw new DefinitionError(name, 'sensors', `${sensors.length} sensors, more than a cell can name (32)`);
  if (def.initialGoal !== undefined && !goals.includes(def.initialGoal)) throw new DefinitionError(name, 'initialGoal', `"${def.initialGoal}" is not a goal`);
  checkMatrix(name, def, stateIndex, sensors);
  for (const [event, fn] of Object.entries(def.setsGoal ?? {})) {
    if (eventIndex[event] === undefined) throw new DefinitionError(name, `setsGoal["${event}"]`, 'is not an event');
    if (typeof fn !== 'function') throw new DefinitionError(name, `setsGoal["${event}"]`, 'must be a function of the sensors');
  }
  checkFunctions(name, def, stateIndex, sensors, goals);
}

function checkMatrix(name: string, def: AnyDefinition, stateIndex: { [n: string]: number }, sensors: readonly string[]): void {
  const nE = def.events.length;
  const matrix = (def.matrix ?? {}) as { readonly [state: string]: readonly Cell<string, string>[] | undefined };
  for (const key of Object.keys(matrix)) {
    if (stateIndex[key] === undefined) throw new DefinitionError(name, `matrix["${key}"]`, 'is not a state');
  }
  const target = (cell: To<string>, where: string) => {
    if (stateIndex[cell.target] === undefined) throw new DefinitionError(name, where, `"${cell.target}" is not a state`);
  };
  const side = (cell: To<string> | NoChange, where: string) => {
    if (cell?.kind === 'to') target(cell, where);
    else if (cell?.kind !== 'no change') throw new DefinitionError(name, where, 'a conditional cell chooses between "→ X" and "no change"');
  };
  def.states.forEach((state) => {
    const row = matrix[state];
    if (!Array.isArray(row)) throw new DefinitionError(name, `matrix["${state}"]`, 'the row is missing');
    if (row.length > nE) throw new DefinitionError(name, `matrix["${state}"]`, `has ${row.length} cells for ${nE} events`);
    def.events.forEach((event, e) => {
      const where = `matrix["${state}"]["${event}"]`;
      const cell = row[e];
      if (!cell || typeof cell !== 'object') throw new DefinitionError(name, where, `the cell ${state} + ${event} is missing`);
      if (KIND_CODE[cell.kind] === undefined) throw new DefinitionError(name, where, `unknown cell kind "${String(cell.kind)}"`);
      if (cell.kind === 'to') target(cell, where);
      if (cell.kind === 'follow goal' && !def.follow) throw new DefinitionError(name, where, '"follow goal" needs a follow function');
      if (cell.kind === 'from sensors' && !def.sense) throw new DefinitionError(name, where, '"from sensors" needs a sense function');
      if (cell.kind === 'when') {
        if (!sensors.includes(cell.sensor)) throw new DefinitionError(name, where, `reads "${cell.sensor}", which is not among the sensors`);
        side(cell.then, `${where}.then`);
        side(cell.otherwise, `${where}.otherwise`);
      }
    });
  });
}

// Goal and follow functions are code, not cells: try them under every sensor reading and goal, so a
// wrong state or goal name fails here, at definition time, rather than in the field.
function checkFunctions(name: string, def: AnyDefinition, stateIndex: { [n: string]: number }, sensors: readonly string[], goals: readonly string[]): void {
  const goalOk = (g: unknown) => g === undefined || goals.includes(g as string);
  for (let bits = 0; bits < 1 << sensors.length; bits++) {
    const readings: { [sensor: string]: () => boolean } = {};
    sensors.forEach((sn, i) => { readings[sn] = () => ((bits >> i) & 1) === 1; });
    for (const [event, fn] of Object.entries(def.setsGoal ?? {})) {
      const g = (fn as (s: Sensors) => string | undefined)(readings);
      if (!goalOk(g)) throw new DefinitionError(name, `setsGoal["${event}"]`, `returns "${g}", which is not a goal`);
    }
    if (def.sense) {
      const sensed = def.sense(readings);
      if (stateIndex[sensed] === undefined) throw new DefinitionError(name, 'sense', `returns "${sensed}", which is not a state`);
    }
    if (!def.follow) continue;
    const rest = def.follow.rest(readings);
    if (stateIndex[rest] === undefined) throw new DefinitionError(name, 'follow.rest', `returns "${rest}", which is not a state`);
    for (const goal of [undefined, ...goals]) {
      const reread = def.follow.goal ? def.follow.goal(goal, readings) : goal;
      if (!goalOk(reread)) throw new DefinitionError(name, 'follow.goal', `returns "${reread}", which is not a goal`);
      for (const from of def.states) {
        const next = def.follow.next(reread, readings, from);
        if (stateIndex[next] === undefined) throw new DefinitionError(name, 'follow.next', `returns "${next}", which is not a state`);
      }
    }
  }
}

checks.define = checkDefinition;
checks.create = (name, def, sensors) => {
  for (const sensor of def.sensors) {
    if (typeof (sensors as Sensors)[sensor] !== 'function') throw new DefinitionError(name, `options.sensors.${sensor}`, 'must be a function returning a boolean');
  }
};
checks.restore = (name, def, state, goal) => {
  if (def.stateIndex[state] === undefined) throw new DefinitionError(name, 'state', `"${state}" is not a state`);
  if (goal !== undefined && !def.goals.includes(goal)) throw new DefinitionError(name, 'goal', `"${goal}" is not a goal`);
};
