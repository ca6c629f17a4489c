// Random fault campaigns in the simulator: whatever operators, leaks, jams, sensor faults and reboots do,
// the safety invariants hold at every step. A failure shrinks to a small schedule and prints its seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { runSchedule, schedule } from '../../sim/campaign/schedule';

const board = loadBoard('sim');

describe('random fault campaigns', () => {
  it('keep every safety invariant under random actions, faults and reboots', () => {
    fc.assert(fc.property(schedule(), fc.integer({ min: 1, max: 1000 }), (steps, seed) => {
      expect(runSchedule(board, steps, seed).violations).toEqual([]);
    }), { numRuns: 30, seed: 20261127 });
  });

  it('find a violation when the controller is broken, so the campaign can fail', () => {
    // An interlock that takes vacuum for ship pressure lets an inner door open onto an empty chamber.
    const steps = [{ afterMs: 1000, action: { do: 'request' as const, deck: 'ready' as const } },
      { afterMs: 1000, action: { do: 'press' as const, button: 'airlock A button 2', holdMs: 200 } },
      { afterMs: 30_000, action: { do: 'press' as const, button: 'airlock A button 3', holdMs: 200 } }];
    expect(runSchedule(board, steps).violations).toEqual([]);
    expect(runSchedule({ ...board }, steps, 1, 60_000, { fullKpa: -1, holdsFullKpa: -1, matchKpa: 200, equalKpa: 200 }).violations.length).toBeGreaterThan(0);
  });
});
