// The fault paths a new user found wrong, each in the simulator in virtual time, judged from the physics: leaks of
// every speed, a leak while the bay heats, a power loss with the bay half empty, a jam freed and reset.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { loadBoard } from '../../scripts/lib/board-file';
import { createSimWorld, type DeckStart } from '../../sim/world';

function bay(o: { start?: DeckStart; seed?: number; emptyChambers?: ('A' | 'B')[] } = {}) {
  const reports: ControllerReport[] = [];
  const world = createSimWorld({ board: loadBoard('sim'), ...o, onReport: (r) => reports.push(r) });
  const state = (id: string) => world.controller.machines[id as 'airlock A']!.state;
  const goal = (id: string) => world.controller.machines[id as 'airlock A']!.goal;
  const sensorFaults = () => reports.filter((r) => r.kind === 'fault' && r.detail?.startsWith('sensor fault'));
  const refusals = () => reports.filter((r) => r.kind === 'interlock');
  return { world, reports, state, goal, sensorFaults, refusals };
}

describe('a leak', () => {
  it.each([2, 40, 70, 100])('of %i kPa/s is a leak, not a sensor fault: red alert, the airlock open to the bay recalled, klaxon and lights on', (rate) => {
    const { world, state, goal, sensorFaults } = bay();
    world.press('airlock B button 2');
    world.advance(5000);
    expect(state('airlock B')).toBe('outer open friendly');
    world.model.bay.leakKpaPerS = rate;
    world.advance(1000);
    expect(state('bay environment')).toBe('hostile');
    expect(['readying', 'ready']).toContain(state('battle deck'));
    expect([state('airlock B'), goal('airlock B')]).toEqual(['closing outer', 'inner open']);
    expect(world.model.outputs.klaxon).toBe(true);
    expect(world.model.outputs['warning lights']).toBe(true);
    expect(sensorFaults()).toEqual([]);
    world.advance(20_000);
    expect(state('airlock B')).toBe('inner open');
    expect(world.invariants.violations).toEqual([]);
  });

  it('keeps the klaxon sounding while the bay loses its air, and stops it once the bay holds (empty)', () => {
    const { world } = bay();
    world.model.bay.leakKpaPerS = 2;
    world.advance(10_000);
    expect(world.model.outputs.klaxon).toBe(true);
    world.advance(150_000);
    expect(world.model.bay.kPa).toBeLessThan(1);
    expect(world.model.outputs.klaxon).toBe(false);
  });

  it('while the bay heats: an airlock held back by rule 3 waits closed until the hostile bay is really empty, and never faults', () => {
    const { world, state, refusals } = bay({ start: 'ready' });
    world.request('relaxed');
    world.clock.runUntil(() => state('bay environment') === 'heating', 300_000);
    world.press('airlock A button 2');                        // rule 3: held back while the bay changes
    world.advance(2000);
    expect(state('airlock A')).toBe('closed pressurized');
    world.model.bay.leakKpaPerS = 2;                          // hostile at about 100 kPa
    world.clock.runUntil(() => state('bay environment') === 'hostile', 5000);
    world.model.bay.leakKpaPerS = 0;
    world.advance(30_000);                                    // pumped down, waiting: the bay still holds air
    expect(state('airlock A')).toBe('closed depressurized');
    expect(world.model.bay.kPa).toBeGreaterThan(20);
    world.clock.runUntil(() => state('airlock A') === 'outer open hostile', 180_000);
    expect(world.model.bay.kPa).toBeLessThan(2);
    expect(refusals()).toEqual([]);
    expect(world.invariants.violations).toEqual([]);
    expect(world.controller.machines['airlock A']!.state).not.toBe('faulted');
  });
});

describe('a power loss', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('with the bay half empty and a chamber half pumped (seed %i): the chamber fills and rests closed pressurized, no sensor doubted', (seed) => {
    const { world, state, goal, sensorFaults } = bay({ seed });
    world.request('ready');
    world.press('airlock A button 2');                        // toward a bay turning hostile: it pumps down
    world.advance(4000);
    expect(state('airlock A')).toBe('depressurizing');
    world.reboot(2000);
    world.advance(40_000);
    expect([state('airlock A'), goal('airlock A')]).toEqual(['closed pressurized', undefined]);
    expect(world.model.airlocks.A.chamberKpa).toBeGreaterThan(98);
    expect(sensorFaults()).toEqual([]);
    expect(world.invariants.violations).toEqual([]);
  });
});

describe('an operator reset', () => {
  it('after a jam is freed, closes the airlock and rests it: nothing opens by itself later (invariant 9)', () => {
    const { world, state, goal } = bay();
    world.press('airlock B button 2');
    world.advance(500);
    world.model.jam('airlock B outer');
    world.advance(8000);
    expect(state('airlock B')).toBe('faulted');
    world.model.unjam('airlock B outer');
    world.reset('airlock B');
    world.advance(60_000);
    expect([state('airlock B'), goal('airlock B')]).toEqual(['closed pressurized', undefined]);
    expect(world.model.airlocks.B.inner.position).toBeLessThan(0.001);
    expect(world.model.airlocks.B.outer.position).toBeLessThan(0.001);
    expect(world.invariants.violations).toEqual([]);
  });

  it('of the environment over a half-empty bay holds it there until the bridge asks again; door E then opens only on an empty bay (invariants 7, 9)', () => {
    const { world, state } = bay();
    world.request('active');
    world.clock.runUntil(() => world.model.bay.kPa < 62, 120_000);
    world.model.sensorFaults['bay temperature'] = { kind: 'out of range' };
    world.advance(1000);
    expect(state('bay environment')).toBe('faulted');
    world.model.sensorFaults['bay temperature'] = undefined;
    world.advance(3000);
    world.reset('bay environment');
    world.advance(100);
    expect([state('bay environment'), state('battle deck')]).toEqual(['holding', 'standing by']);
    const held = world.model.bay.kPa;
    world.advance(120_000);
    expect(world.model.bayDoor.position).toBe(0);
    expect(Math.abs(world.model.bay.kPa - held)).toBeLessThan(1);
    world.request('active');
    world.clock.runUntil(() => world.model.bayDoor.position > 0, 300_000);
    expect(world.model.bay.kPa).toBeLessThan(1);
    expect(world.invariants.violations).toEqual([]);
  });
});
