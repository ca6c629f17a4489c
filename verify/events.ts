// The world's event alphabet, packed into small integers: operator acts, disturbances, faults, and progress
// (the `finished …` a scan sends and the physical steps that make them possible).

/**
 * Event kinds. Everything from FINISH on is progress: it happens by itself, without anyone acting. REBOOT is the
 * power loss, after which every state is unknown; BOOTED the controller's first scan with its sensors read.
 */
export const REQUEST = 0, ASK = 1, LEAK = 2, SEAL = 3, DEADLINE = 4, SENSOR = 5, RESET = 6, REBOOT = 7, FINISH = 8, DOOR = 9, AIR = 10, BOOTED = 11;

/** Slots: the machines a fault can hit, and the places that have air. */
export const BAY_DOOR = 0, ENVIRONMENT = 1, FIRST_AIRLOCK = 2;

export const DECK_REQUESTS = ['active', 'ready', 'relaxed'] as const;

export const event = (kind: number, slot = 0, arg = 0): number => kind | (slot << 4) | (arg << 9);
export const kindOf = (e: number): number => e & 15;
export const slotOf = (e: number): number => (e >> 4) & 31;
export const argOf = (e: number): number => e >> 9;
export const isProgress = (e: number): boolean => kindOf(e) >= FINISH;

/** A growable list of event codes, reused from state to state. */
export class EventList {
  codes = new Int32Array(64);
  length = 0;
  clear(): void { this.length = 0; }
  push(e: number): void {
    if (this.length === this.codes.length) { const c = new Int32Array(this.length * 2); c.set(this.codes); this.codes = c; }
    this.codes[this.length++] = e;
  }
}
