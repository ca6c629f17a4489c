// The run-to-completion queue that machines share: an event sent while a transition is under way waits its turn.

/** Anything the dispatcher can deliver an event to: a machine's own step. */
export interface Steppable { step(event: string): void }

export class Dispatcher {
  /**
   * True while an event is being handled; events dispatched now are queued. (A field, not a getter: a machine's
   * `handle` reads and sets it itself, which saves XS a call per event.)
   */
  readonly running: boolean = false;
  /** True while events wait in the queue (a field, for the same reason). */
  readonly queued: boolean = false;
  // (target, event) pairs, drained from the front and emptied when drained. It only grows when more events are
  // queued in one run than ever before, so steady running allocates nothing.
  // In the order dispatch reads them: XS finds a private field by walking the instance's fields.
  #tail = 0;
  #head = 0;
  #queue: (Steppable | string | undefined)[] = [];

  /** Handles `event` now, then everything queued meanwhile, in order; or queues it if a transition is under way. */
  dispatch(target: Steppable, event: string): void {
    const self = this as { running: boolean };
    if (self.running) {
      (this as { queued: boolean }).queued = true;
      this.#queue[this.#tail++] = target;
      this.#queue[this.#tail++] = event;
      return;
    }
    self.running = true;
    try {
      target.step(event);
      if (this.queued) this.drain();
    } catch (error) {
      this.abandon();
      throw error;
    }
    // Not in a `finally`: V8 runs this path measurably slower with one.
    self.running = false;
  }

  /** An escaping error (an impossible event under test) abandons what was queued behind it. For Machine.handle. */
  abandon(): void {
    this.#queue.fill(undefined);
    this.#head = this.#tail = 0;
    (this as { queued: boolean }).queued = false;
    (this as { running: boolean }).running = false;
  }

  /** Handles what was queued while an event was handled. For Machine.handle. */
  drain(): void {
    const queue = this.#queue;
    while (this.#head < this.#tail) {
      const at = this.#head;
      const next = queue[at] as Steppable, event = queue[at + 1] as string;
      queue[at] = queue[at + 1] = undefined;
      this.#head = at + 2;
      next.step(event);
    }
    this.#head = this.#tail = 0;
    (this as { queued: boolean }).queued = false;
  }
}

export const createDispatcher = (): Dispatcher => new Dispatcher();
