// What board and pin-table validation share: the error, and the small checks both make.

export class BoardError extends Error {
  /** The board file (`boards/pico.json`), as the caller named it. */
  readonly file: string;
  /** The path of the offending field, e.g. `signals["bay pump"].pin`. */
  readonly field: string;
  /** What is wrong, without the file and field. */
  readonly problem: string;
  /** The line of the field in the file, when the loader could find it (the device has no text to search). */
  readonly line?: number;
  constructor(file: string, field: string, problem: string, line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${field}: ${problem}`);
    this.name = 'BoardError';
    this.file = file;
    this.field = field;
    this.problem = problem;
    if (line !== undefined) this.line = line;
  }
}

export type Json = { [key: string]: unknown };

export const quote = (s: string) => JSON.stringify(s);
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const describe = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

export function fail(check: { file: string }, field: string, problem: string): never {
  throw new BoardError(check.file, field, problem);
}

/** Fails with what was expected and what the field holds: `${expected}, got ${describe(value)}`. */
export function got(check: { file: string }, field: string, expected: string, value: unknown): never {
  fail(check, field, `${expected}, got ${describe(value)}`);
}

export function onlyFields(check: { file: string }, value: Json, allowed: readonly string[], field: string, what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(check, field ? `${field}.${key}` : key, `unexpected field for ${what} (allowed: ${allowed.join(', ')})`);
  }
}
