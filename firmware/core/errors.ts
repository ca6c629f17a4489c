// The errors the engine raises as it runs; each names the machine, and the state and event that went wrong.
// (DefinitionError, for a matrix that is not complete, belongs to the dev module.)

/** An event arrived that the matrix says cannot happen in the current state. */
export class ImpossibleEventError extends Error {
  declare readonly machine: string;
  declare readonly state: string;
  declare readonly event: string;
  constructor(machine: string, state: string, event: string) {
    super(`${machine}: "${event}" is impossible in state "${state}"`);
    Object.assign(this, { name: 'ImpossibleEventError', machine, state, event });
  }
}

/** An event name the machine's matrix has no column for. */
export class UnknownEventError extends Error {
  declare readonly machine: string;
  declare readonly event: string;
  constructor(machine: string, event: string) {
    super(`${machine}: unknown event "${event}"`);
    Object.assign(this, { name: 'UnknownEventError', machine, event });
  }
}
