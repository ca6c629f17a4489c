// The run-to-completion queue that machines share: an event sent while a transition is under way waits its turn.

/** Anything the dispatcher can deliver an event to: a machine's own step. */
export interface Steppable { step(event: string): void }

export class Dispatcher {
  // A ring of (target, event) pairs. It grows only if more events are queued at once than ever before.
  private targets: (Steppable | undefined)[] = new Array(16);
  private events: (string | undefined)[] = new Array(16);
  private head = 0;
  private count = 0;
  private busy = false;

  /** True while an event is being handled; events dispatched now are queued. */
  get running(): boolean { return this.busy; }

  /** Handles `event` now, then everything queued meanwhile, in order; or queues it if a transition is under way. */
  dispatch(target: Steppable, event: string): void {
    if (this.busy) { this.enqueue(target, event); return; }
    this.busy = true;
    try {
      target.step(event);
      while (this.count > 0) {
        const at = this.head;
        const next = this.targets[at]!, nextEvent = this.events[at]!;
        this.targets[at] = undefined; this.events[at] = undefined;
        this.head = (at + 1) % this.targets.length;
        this.count--;
        next.step(nextEvent);
      }
    } catch (error) {
      // An escaping error (an impossible event under test) abandons what was queued behind it.
      this.clear();
      throw error;
    } finally {
      this.busy = false;
    }
  }

  private enqueue(target: Steppable, event: string): void {
    if (this.count === this.targets.length) this.grow();
    const at = (this.head + this.count) % this.targets.length;
    this.targets[at] = target; this.events[at] = event;
    this.count++;
  }

  private grow(): void {
    const size = this.targets.length * 2;
    const targets: (Steppable | undefined)[] = new Array(size), events: (string | undefined)[] = new Array(size);
    for (let i = 0; i < this.count; i++) {
      const at = (this.head + i) % this.targets.length;
      targets[i] = this.targets[at]; events[i] = this.events[at];
    }
    this.targets = targets; this.events = events; this.head = 0;
  }

  private clear(): void {
    for (let i = 0; i < this.targets.length; i++) { this.targets[i] = undefined; this.events[i] = undefined; }
    this.head = 0; this.count = 0;
  }
}

export const createDispatcher = (): Dispatcher => new Dispatcher();
