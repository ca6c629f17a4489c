// The in-process bus: several nodes in one process, deterministic in virtual time, with the link faults a real
// bus has (loss, delay, duplication, reordering, partitions) injected on purpose.
import type { Transport } from '../firmware/net/node';
import type { Clock } from '../hal/types';

export interface LinkFaults {
  /** Chance a message is lost, 0..1. */
  loss: number;
  /** Delivery delay, ms, plus up to `jitterMs` more: jitter reorders. */
  delayMs: number;
  jitterMs: number;
  /** Chance a message is delivered twice. */
  duplicate: number;
}

export class InProcessBus {
  readonly faults: LinkFaults = { loss: 0, delayMs: 5, jitterMs: 0, duplicate: 0 };
  /** Nodes cut off: nothing reaches them or leaves them. */
  readonly cut = new Set<string>();
  /** Every message sent, in order: for tests that replay or forge. */
  readonly captured: { from: string; to: string; text: string }[] = [];
  private readonly handlers = new Map<string, (text: string) => void>();
  private random: number;

  constructor(private readonly clock: Clock, seed = 1) { this.random = seed >>> 0 || 1; }

  /** A node's transport on this bus. */
  attach(node: string): Transport {
    return {
      send: (to, text) => this.send(node, to, text),
      onMessage: (handler) => { this.handlers.set(node, handler); },
    };
  }

  /** Detaches a node (it lost power); its messages in flight still arrive elsewhere. */
  detach(node: string): void { this.handlers.delete(node); }

  /** Delivers raw text to a node as if from the wire: forged, replayed or garbled messages. */
  inject(to: string, text: string): void { this.deliver(to, text, this.faults.delayMs); }

  private send(from: string, to: string, text: string): void {
    this.captured.push({ from, to, text });
    if (this.cut.has(from)) return;
    for (const node of this.handlers.keys()) {
      if (node === from || (to !== '*' && to !== node) || this.cut.has(node)) continue;
      if (this.chance() < this.faults.loss) continue;
      const delay = this.faults.delayMs + Math.floor(this.chance() * this.faults.jitterMs);
      this.deliver(node, text, delay);
      if (this.chance() < this.faults.duplicate) this.deliver(node, text, delay + 1 + Math.floor(this.chance() * this.faults.jitterMs));
    }
  }

  private deliver(node: string, text: string, delay: number): void {
    this.clock.set(() => { if (!this.cut.has(node)) this.handlers.get(node)?.(text); }, Math.max(delay, 0));
  }

  // mulberry32: small, seeded, the same on every engine.
  private chance(): number {
    let t = (this.random += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
