// Command-line options for every CLI: a value is never another flag, numbers are bounded, and a bad one is a
// `UsageError` that the CLI prints with its usage and exits 2 on (never a stack trace, never a hang).

export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

/** Reads the options of `argv` one by one: `next()` is the flag, `value()` the text after it. */
export class Args {
  private i = -1;
  constructor(private readonly argv: readonly string[]) {}

  /** The next argument, or undefined at the end. */
  next(): string | undefined { return this.argv[++this.i]; }

  /** The value of `flag`; refused when missing or when it is itself a flag (`--token --timeline`). */
  value(flag: string): string {
    const v = this.argv[this.i + 1];
    if (v === undefined || /^--?[A-Za-z]/.test(v)) throw new UsageError(`${flag} needs a value${v === undefined ? '' : ` (got the flag ${v})`}`);
    this.i++;
    return v;
  }

  /** A number for `flag` within [min, max] (an integer when `integer`). */
  number(flag: string, o: { min: number; max: number; integer?: boolean }): number {
    return boundedNumber(flag, this.value(flag), o);
  }
}

function boundedNumber(flag: string, text: string, o: { min: number; max: number; integer?: boolean }): number {
  const v = Number(text);
  const kind = o.integer ? 'a whole number' : 'a number';
  if (text.trim() === '' || !Number.isFinite(v) || (o.integer && !Number.isInteger(v)) || v < o.min || v > o.max) {
    throw new UsageError(`${flag} must be ${kind} from ${o.min} to ${o.max} (got ${JSON.stringify(text)})`);
  }
  return v;
}

/** Prints `tool: message`, the usage, and exits 2. */
export function usageExit(tool: string, message: string, usage: string): never {
  console.error(`${tool}: ${message}\n\n${usage}`);
  process.exit(2);
}
