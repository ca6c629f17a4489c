// Invariant 9 in a scenario run: door E reset after a jam comes to rest closed and nothing moves until the bridge
// asks again; a rule that resumes the old request after the reset is caught by the monitor.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { loadBoard } from '../../boards/load';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import type { SimWorld } from '../../sim/world';

const board = loadBoard('sim');

// Ready (the bay hostile and empty), active is requested, door E jams 40 % open and faults on its 40 s deadline.
const jamThenReset = (then: object[]) => parseScenario(JSON.stringify({
  name: 'door E reset after a jam',
  start: 'ready',
  steps: [
    { at: '1s', request: 'active' },
    { at: '9s', jam: 'bay door' },
    { eventually: { states: { 'bay door': 'faulted' } }, within: '60s' },
    { after: '1s', unjam: 'bay door' },
    { after: '1s', reset: 'bay door' },
    { eventually: { doors: { 'bay door': 'closed' }, states: { 'bay door': 'closed', 'battle deck': { anyOf: ['standing by', 'ready'] } }, goals: { 'battle deck': null } }, within: '30s' },
    ...then,
  ],
}), 'door-e-reset.json');

describe('a reset of door E after a jam (invariant 9)', () => {
  it('leaves door E closed and the bay as it is until a new deck request, which then opens it', () => {
    const scenario = jamThenReset([
      { never: { doors: { 'bay door': 'moving' } }, for: '5m' },
      { after: '5m', expect: { doors: { 'bay door': 'closed' }, goals: { 'battle deck': null }, pressures: { bay: { below: 1 } } } },
      { request: 'active' },
      { eventually: { doors: { 'bay door': 'open' }, states: { 'battle deck': 'active' } }, within: '60s' },
    ]);
    const result = runScenario(scenario, board);
    expect(result.failures).toEqual([]);
  });

  it('is caught by the monitor when a rule resumes the request from before the fault', () => {
    // A broken hook: on door E's reset it re-sends the deck its old goal, as the deck did before issue 22.
    let world: SimWorld | undefined;
    const resume = (r: ControllerReport) => {
      if (r.kind === 'transition' && r.machine === 'bay door' && r.event === 'reset') {
        world!.clock.set(() => world!.controller.send('battle deck', 'active requested'), 1000);
      }
    };
    const result = runScenario(jamThenReset([{ after: '2m', wait: true }]), board, resume, { setup: (w) => { world = w; } });
    const nine = result.failures.filter((f) => f.field === 'invariant 9');
    expect(nine.map((f) => f.message)).toEqual(['door E was driven open after a reset or a power loss, before any new deck request']);
  });
});
