// The XS side of `npx tsx bench/xs/floor.ts`: the bay door's cycle through the bench's own loop, hooks and runner
// interface, sent to robot3, to our engine, and to four stand-ins that do only part of our engine's work (the same
// transitions, checked against ours by the host), so that what is left for an engine to win can be measured.
import { bayDoor } from '../../firmware/machines';
import type { Env, Hooks, Implementation } from '../dispatch/hooks';
import { implementations, prepare, streams } from '../dispatch/measure';

const stream = streams()['bay door'];
const rows = bayDoor.rows, states = bayDoor.states;
type Hook = (t: unknown) => unknown;

// The cell by name, the do-nothing test (`no change` 1, an unheard beep 2; a plain `→ X` is ~X), the two hooks and the
// state change: what any table-driven engine with a pre and a post hook does.
class Bare {
  row = rows[1]; s = 1; t = { from: '', to: '', event: '' };
  constructor(public pre: Hook, public post: Hook) {}
  handle(e: string) { const c = this.row[e]; if (c === 1 || c === 2) return; const t = this.t; this.pre(t); this.s = ~c; this.row = rows[~c]; this.post(t); }
}
// …and the transition record filled, as the hooks see it.
class Record extends Bare {
  override handle(e: string) {
    const c = this.row[e]; if (c === 1 || c === 2) return;
    const t = this.t; t.from = states[this.s]; t.to = states[~c]; t.event = e;
    this.pre(t); this.s = ~c; this.row = rows[~c]; this.post(t);
  }
}
// …and run to completion: a running flag, and the `try` that leaves the dispatcher idle when a hook throws.
class Guarded extends Bare {
  d = { running: false };
  override handle(e: string) {
    const d = this.d; if (d.running) return;
    const c = this.row[e]; if (c === 1 || c === 2) return;
    d.running = true;
    try {
      const t = this.t; t.from = states[this.s]; t.to = states[~c]; t.event = e;
      this.pre(t); this.s = ~c; this.row = rows[~c]; this.post(t);
    } catch (error) { d.running = false; throw error; }
    d.running = false;
  }
}
// …the same, its state in a closure's variables, not fields: XS reads a field by walking the object's properties and
// a closure's variable by its index (the engine does not, for the heap a closure per machine costs: BENCHMARKS.md).
class InClosure {
  handle: (e: string) => void; state: () => number;
  constructor(pre: Hook, post: Hook) {
    let s = 1, row = rows[1];
    const t = { from: '', to: '', event: '' }, d = { running: false };
    this.state = () => s;
    this.handle = (e) => {
      if (d.running) return;
      const c = row[e]; if (c === 1 || c === 2) return;
      d.running = true;
      try {
        t.from = states[s]; t.to = states[~c]; t.event = e;
        pre(t); s = ~c; row = rows[~c]; post(t);
      } catch (error) { d.running = false; throw error; }
      d.running = false;
    };
  }
}
const standIn = (C: new (pre: Hook, post: Hook) => { handle(e: string): void; s?: number; state?: () => number }): Implementation => (_which, env: Env, hooks: Hooks) => {
  const m = new C(() => { hooks.pre++; return true; }, () => { hooks.post++; });
  return {
    prepare: (events) => events,
    run(events, bits, from, to) { const ev = events as readonly string[]; for (let i = from; i < to; i++) { env.bits = bits[i]; m.handle(ev[i]); } },
    state: () => states[m.state ? m.state() : m.s!], goal: () => undefined,
  };
};
const impls: { [name: string]: Implementation } = {
  'robot3': implementations.robot3, 'ours': implementations.ours,
  'cell, hooks, state': standIn(Bare), '+ transition record': standIn(Record), '+ running flag and try': standIn(Guarded), 'the same, in a closure': standIn(InClosure),
};
const names = Object.keys(impls);
const prepared = names.map((k) => prepare(impls[k], 'bay door', stream));
for (const p of prepared) for (let k = 0; k < 20; k++) p.runner.run(p.cycle, p.bits, 0, p.length);

(globalThis as { floor?: unknown }).floor = {
  names: () => names,
  /** Where each implementation ends up after the cycles so far, to check that they all took the same transitions. */
  states: () => prepared.map((p) => p.runner.state()),
  run(k: number, cycles: number) { const p = prepared[k]; for (let c = 0; c < cycles; c++) p.runner.run(p.cycle, p.bits, 0, p.length); return cycles * p.length; },
};
