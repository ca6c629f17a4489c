// Checks that the implementations under test are the same machine: after every event of the stream (prefix, then
// the cycle twice) each must be in the same state with the same goal as the firmware's, and call the same hooks.
import { createHooks, type Implementation, type MachineName } from './hooks';
import type { Stream } from './stream';

/** The first few differences from `reference`, in words; empty when every implementation agrees. */
export function disagreements(which: MachineName, stream: Stream, reference: Implementation, others: { [name: string]: Implementation }): string[] {
  const walk = (impl: Implementation) => {
    const env = { bits: 0 }, hooks = createHooks(), runner = impl(which, env, hooks);
    const steps: string[] = [];
    const send = (events: string[], bits: Uint8Array) => {
      const prepared = runner.prepare(events);
      for (let i = 0; i < events.length; i++) {
        runner.run(prepared, bits, i, i + 1);
        steps.push(`${events[i]} → ${runner.state()} (goal ${runner.goal()}), hooks ${hooks.pre}/${hooks.post}`);
      }
    };
    try {
      send(stream.prefix, stream.prefixBits);
      send(stream.cycle, stream.cycleBits);
      send(stream.cycle, stream.cycleBits);
    } catch (error) {
      // A copy that went elsewhere may meet an event its state cannot take: that is where they part.
      steps.push(`threw ${String(error)}`);
    }
    return steps;
  };
  const expected = walk(reference);
  const out: string[] = [];
  for (const [name, impl] of Object.entries(others)) {
    const got = walk(impl);
    const at = got.findIndex((step, i) => step !== expected[i]);
    if (at >= 0) out.push(`${name} ${which}, event ${at}: expected ${expected[at]}, got ${got[at]}`);
  }
  return out;
}
