// What a start has opened so far: each IO object, and each part whose timer runs, is noted as it opens, so that a
// start which fails part way (a pin already taken, a port that will not open) closes all of it before the error
// goes on. Otherwise the pins stay held, a start tried again finds them taken, and timers fire into parts that
// were never finished. Only a start notes: outside one, `opened` passes its part through.

export interface Closable { close(): void }

let noted: Closable[] | undefined;

/** Notes `part`, just opened, for the start under way (if any); returns it. */
export function opened<T extends Closable>(part: T): T {
  if (noted !== undefined) noted.push(part);
  return part;
}

/**
 * Begins noting what opens, for `closeNoted` or `keepNoted`; returns the enclosing start's list, to hand back.
 * (Begin and end calls, not a function wrapping the start: a wrapper would put its frames under the deepest step of
 * a node's boot, whose stack has little to spare.)
 */
export function beginNoting(): Closable[] | undefined {
  const outer = noted;
  noted = [];
  return outer;
}

/** The start succeeded: what it opened is its own now, to close when it stops. */
export function keepNoted(outer: Closable[] | undefined): void { noted = outer; }

/** The start failed: closes what it opened, newest first. A part that fails to close does not keep the rest open. */
export function closeNoted(outer: Closable[] | undefined): void {
  const parts = noted ?? [];
  noted = outer;
  for (let i = parts.length - 1; i >= 0; i--) {
    try { parts[i].close(); } catch { /* the other parts' pins matter more than this one's error */ }
  }
}
