// A node's flash in the simulator, kept across its power cycles, and breakable as a real one is (the soak's cluster
// campaigns, scenarios' `store` steps): lost, put back from an older copy, or refusing writes (read-only or full).
import { MemoryStateStore } from '../firmware/net/state-store';

export const storeFaults = ['back up', 'lose', 'roll back', 'unwritable', 'writable'] as const;
export type StoreFault = (typeof storeFaults)[number];

// A MemoryStateStore still (tests written against one take it, and set its `refuse`), with records of its own that
// can be lost or rolled back.
export class SimStateStore extends MemoryStateStore {
  private kept = new Map<string, string>();
  private older = new Map<string, string>();

  override get(name: string): string | undefined { return this.kept.get(name); }
  override put(name: string, value: string): void {
    if (this.refuse !== undefined) throw new Error(this.refuse);
    this.kept.set(name, value);
  }
  override delete(name: string): void { this.kept.delete(name); }

  /** `back up` copies every record; `roll back` puts that older copy back; `lose` wipes them; `(un)writable` as named. */
  apply(fault: StoreFault): void {
    switch (fault) {
      case 'back up': this.older = new Map(this.kept); break;
      case 'lose': this.kept.clear(); break;
      case 'roll back': this.kept = new Map(this.older); break;
      case 'unwritable': this.refuse = 'the medium is read-only or full'; break;
      case 'writable': this.refuse = undefined; break;
    }
  }
}
