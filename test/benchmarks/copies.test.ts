// The XState v5 and robot3 machines the benchmark times are the firmware's airlock and bay door: after every event
// of the stream they are in the same state, with the same goal, and have called the same hooks.
import { describe, expect, it } from 'vitest';
import { disagreements } from '../../bench/dispatch/agree';
import { createHooks, type Implementation } from '../../bench/dispatch/hooks';
import { implementations, streams } from '../../bench/dispatch/measure';

const { ours, xstate, robot3 } = implementations;
const s = streams();

describe('the benchmark\'s copies of the machines', () => {
  it('agree with the firmware\'s airlock over the whole stream', () => {
    expect(disagreements('airlock', s.airlock, ours, { xstate, robot3 })).toEqual([]);
  });

  it('agree with the firmware\'s bay door over the whole stream', () => {
    expect(disagreements('bay door', s['bay door'], ours, { xstate, robot3 })).toEqual([]);
  });

  it('tell apart a copy that behaves differently', () => {
    // The firmware's door, deaf to the operator's reset: a faulted door then stays faulted.
    const deaf: Implementation = (which, env, hooks) => {
      const door = ours(which, env, hooks);
      return {
        ...door,
        run(events, bits, from, to) {
          for (let i = from; i < to; i++) if ((events as readonly string[])[i] !== 'reset') door.run(events, bits, i, i + 1);
        },
      };
    };
    expect(disagreements('bay door', s['bay door'], ours, { deaf })).toHaveLength(1);
  });

  it('replay a cycle that starts and ends in the same state and goal', () => {
    for (const which of ['airlock', 'bay door'] as const) {
      const env = { bits: 0 }, runner = ours(which, env, createHooks()), stream = s[which];
      runner.run(runner.prepare(stream.prefix), stream.prefixBits, 0, stream.prefix.length);
      const start = `${runner.state()} ${runner.goal()}`;
      runner.run(runner.prepare(stream.cycle), stream.cycleBits, 0, stream.cycle.length);
      expect(`${runner.state()} ${runner.goal()}`).toBe(start);
    }
  });
});
