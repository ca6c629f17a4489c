// Liveness shared by two threads (verify/check.ts `livenessShared`, `livenessShare`): the first thread builds the
// progress graph in shared buffers and decides the deck's goal while another decides the airlocks'; a goal the other
// thread finds unmet is decided again for its path. The findings are those of one thread, to the state and the path,
// whether both goals hold or both fail. Here the other thread is stood in for by a call on this one.
import { describe, expect, it } from 'vitest';
import { check, livenessShare, searchShared, sharedBuffers, Model, type CheckOptions, type SharedGraph } from '../../verify';

/** A deck whose every claim is refused, and an airlock that never hears its doors or air finish: neither meets its goal. */
const stuck: CheckOptions['rules'] = (hooks) => ({
  ...hooks,
  'battle deck': { pre: [(t) => !t.event.startsWith('now ')], post: hooks['battle deck']!.post },
  'airlock A': { pre: [(t) => !t.event.startsWith('finished ')], post: hooks['airlock A']!.post },
});

async function sharedRun(options: CheckOptions) {
  const buffers = sharedBuffers(new Model(options).width, 200_000);
  const asked: number[] = [];
  const helper = async (graph: SharedGraph, bit: number) => { asked.push(bit); return livenessShare(graph, buffers.flags, bit); };
  const result = await searchShared(options, buffers, 0, 1).finish([], helper);
  return { result, asked };
}

const findings = (r: ReturnType<typeof check>) => r.found.map((f) => ({ property: f.finding.property, state: f.state, count: f.count, waiting: f.waiting })).sort((a, b) => a.property.localeCompare(b.property));

describe('liveness decided on two threads', () => {
  for (const [what, options] of [
    ['both goals met (the real rules)', { airlocks: 1, faults: 0, leaks: false, promptScan: true }],
    ['both goals unmet (a doubtful deck, an airlock deaf to finishing)', { airlocks: 1, faults: 0, leaks: false, promptScan: true, rules: stuck }],
  ] as const) {
    it(`finds what one thread finds: ${what}`, async () => {
      const one = check(options), { result: two, asked } = await sharedRun(options);
      expect(asked).toHaveLength(1);
      expect([two.states, two.transitions]).toEqual([one.states, one.transitions]);
      expect(findings(two)).toEqual(findings(one));
      const liveness = one.found.filter((f) => f.finding.level === 'liveness').map((f) => f.finding.property).sort();
      expect(liveness).toEqual(options.rules ? ['airlock liveness', 'deck liveness'] : []);
    });
  }
});
