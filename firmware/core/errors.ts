// The errors the engine raises; each names the machine and what was wrong (state, event or field).

/** An event arrived that the matrix says cannot happen in the current state. */
export class ImpossibleEventError extends Error {
  constructor(readonly machine: string, readonly state: string, readonly event: string) {
    super(`${machine}: "${event}" is impossible in state "${state}"`);
    this.name = 'ImpossibleEventError';
  }
}

/** An event name the machine's matrix has no column for. */
export class UnknownEventError extends Error {
  constructor(readonly machine: string, readonly event: string) {
    super(`${machine}: unknown event "${event}"`);
    this.name = 'UnknownEventError';
  }
}

/** A machine definition (or instance options) that is not a complete, consistent matrix. */
export class DefinitionError extends Error {
  constructor(readonly machine: string, readonly field: string, detail: string) {
    super(`${machine}: ${field}: ${detail}`);
    this.name = 'DefinitionError';
  }
}
