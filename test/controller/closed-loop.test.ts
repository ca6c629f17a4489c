// The controller on the simulated launch bay, closed loop, in virtual time: buttons in, doors and pumps out.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { loadBoard } from '../../scripts/lib/board-file';
import { atClosedLimit, atOpenLimit } from '../../sim/physics';
import { createSimWorld, type DeckStart } from '../../sim/world';

function bay(start: DeckStart = 'relaxed') {
  const reports: ControllerReport[] = [];
  const world = createSimWorld({ board: loadBoard('sim'), start, onReport: (r) => reports.push(r) });
  const state = (id: string) => world.controller.machines[id as 'airlock B']!.state;
  return { world, reports, state };
}

describe('the controller on the simulated bay', () => {
  it('opens the outer door physically when button 2 is pressed in a friendly bay', () => {
    const { world, state } = bay();
    world.press('airlock B button 2');
    world.advance(5000);
    expect(state('airlock B')).toBe('outer open friendly');
    expect(atOpenLimit(world.model.airlocks.B.outer)).toBe(true);
    expect(atClosedLimit(world.model.airlocks.B.inner)).toBe(true);
  });

  it('pumps the chamber down before the outer door moves in a hostile bay', () => {
    const { world, state } = bay('ready');
    world.press('airlock C button 2');
    world.advance(1000);
    expect(state('airlock C')).toBe('depressurizing');
    expect(world.model.airlocks.C.outer.position).toBe(0);
    world.clock.runUntil(() => world.model.airlocks.C.outer.position > 0, 30_000);
    expect(world.model.airlocks.C.chamberKpa).toBeLessThan(3);
    world.advance(5000);
    expect(state('airlock C')).toBe('outer open hostile');
  });

  it('brings the airlock back to inner open with button 3', () => {
    const { world, state } = bay();
    world.press('airlock A button 2');
    world.advance(5000);
    world.press('airlock A button 3');
    world.advance(10_000);
    expect(state('airlock A')).toBe('inner open');
    expect(atOpenLimit(world.model.airlocks.A.inner)).toBe(true);
    expect(atClosedLimit(world.model.airlocks.A.outer)).toBe(true);
  });

  it('opens the bay door only once the bay is hostile', () => {
    const { world, state } = bay();
    world.controller.send('bay door', 'open requested');
    world.advance(5000);
    expect(world.model.bayDoor.position).toBe(0);
    world.controller.send('battle deck', 'active requested');
    world.clock.runUntil(() => world.model.bayDoor.position > 0, 300_000);
    expect(state('bay environment')).toBe('hostile');
    expect(world.model.bay.kPa).toBeLessThan(2);
  });

  it('never reports a jammed door finished, and faults it at its deadline with the motor stopped', () => {
    const { world, state, reports } = bay();
    world.model.jam('airlock D outer');
    world.press('airlock D button 1');
    world.advance(5000);
    expect(state('airlock D')).toBe('opening outer');
    world.advance(2000);
    expect(state('airlock D')).toBe('faulted');
    expect(reports.some((r) => r.machine === 'airlock D' && r.event === 'finished opening outer')).toBe(false);
    expect(reports.find((r) => r.kind === 'fault' && r.machine === 'airlock D')!.detail).toMatch(/deadline missed: airlock door did not finish opening outer within 6 s/);
    expect(world.model.airlocks.D.outer.motor).toBe(0);
    expect(world.model.outputs['warning lights']).toBe(true);
  });

  it('after the jam is cleared and an operator resets it, closes the door and rests; it opens again only when asked (invariant 9)', () => {
    const { world, state } = bay();
    world.model.jam('airlock D outer');
    world.press('airlock D button 1');
    world.advance(8000);
    world.model.unjam('airlock D outer');
    world.controller.send('airlock D', 'reset');
    world.advance(30_000);
    expect([state('airlock D'), world.controller.machines['airlock D']!.goal]).toEqual(['closed pressurized', undefined]);
    expect(atClosedLimit(world.model.airlocks.D.outer)).toBe(true);
    world.press('airlock D button 1');
    world.advance(5000);
    expect(state('airlock D')).toBe('outer open friendly');
  });

  it('reports an interlock refusal and keeps the door shut', () => {
    // The machine counts 98 kPa as pressurized; an interlock set to demand pressures within 1 kPa does not.
    const reports: ControllerReport[] = [];
    const world = createSimWorld({
      board: loadBoard('sim'), thresholds: { equalKpa: 1 }, physics: { airlocks: { A: { chamberKpa: 98 } } }, onReport: (r) => reports.push(r),
    });
    world.advance(500); // the bay's UART sensor has reported
    world.press('airlock A button 2');
    world.advance(3000);
    expect(world.controller.machines['airlock A']!.state).toBe('opening outer');
    expect(world.model.airlocks.A.outer.position).toBe(0);
    expect(reports.filter((r) => r.kind === 'interlock').map((r) => r.detail)).toEqual([
      expect.stringMatching(/^airlock A outer door: chamber 9\d\.\d kPa and bay 10\d\.\d kPa differ$/),
    ]);
  });
});
