// Simulated airlock chambers pump and vent in their rated times and equalize through open doors.
import { describe, expect, it } from 'vitest';
import { LaunchBayModel } from '../../sim/physics';
import { run, timeUntil } from './physics-helpers';

const emptyChamber = { airlocks: { A: { chamberKpa: 0 } } };

describe('an airlock chamber', () => {
  it('pumps up from vacuum to ship pressure in about 8 s', () => {
    const model = new LaunchBayModel(emptyChamber), a = model.airlocks.A;
    a.pumpOn = true;
    run(model, 7000);
    expect(a.chamberKpa).toBeLessThan(97);
    run(model, 1000);
    expect(a.chamberKpa).toBeCloseTo(101.3, 6);
  });

  it('never pumps past ship pressure', () => {
    const model = new LaunchBayModel(), a = model.airlocks.B;
    a.pumpOn = true;
    run(model, 60_000);
    expect(a.chamberKpa).toBe(101.3);
  });

  it('vents from ship pressure to vacuum in about 8 s', () => {
    const model = new LaunchBayModel(), a = model.airlocks.C;
    a.ventOn = true;
    expect(timeUntil(model, () => a.chamberKpa <= 2, 20_000)).toBeGreaterThan(7000);
    run(model, 1000);
    expect(a.chamberKpa).toBe(0);
  });

  it('does nothing with a dead pump', () => {
    const model = new LaunchBayModel({ airlocks: { A: { chamberKpa: 0, pumpDead: true } } }), a = model.airlocks.A;
    a.pumpOn = true;
    run(model, 30_000);
    expect(a.chamberKpa).toBe(0);
  });

  it('fills quickly from the ship through an open inner door', () => {
    const model = new LaunchBayModel({ airlocks: { A: { chamberKpa: 0, inner: { position: 1 } } } });
    run(model, 2000);
    expect(model.airlocks.A.chamberKpa).toBeGreaterThan(101);
  });

  it('keeps its air behind a door at its closed limit, and loses it once the door has left the limit, if only by a crack', () => {
    const closed = new LaunchBayModel({ bay: { kPa: 0 }, airlocks: { A: { outer: { position: 0.0005 } } } });
    run(closed, 10_000);
    expect(closed.airlocks.A.chamberKpa).toBe(101.3);
    const crack = new LaunchBayModel({ bay: { kPa: 0 }, airlocks: { A: { outer: { position: 0.01 } } } });
    run(crack, 10_000);
    expect(crack.airlocks.A.chamberKpa).toBeLessThan(1);
  });

  it('follows the bay through an open outer door, and the bay barely moves', () => {
    const model = new LaunchBayModel({ bay: { kPa: 0, tempC: -40 }, airlocks: { D: { outer: { position: 1 } } } });
    run(model, 3000);
    expect(model.airlocks.D.chamberKpa).toBeLessThan(1);
    expect(model.bay.kPa).toBeGreaterThan(0.3);
    expect(model.bay.kPa).toBeLessThan(1);
  });

  it('rises with the bay through an open outer door', () => {
    const model = new LaunchBayModel({ bay: { kPa: 0 }, airlocks: { A: { chamberKpa: 0, outer: { position: 1 } } } });
    model.bay.pumpOn = true;
    run(model, 60_000);
    expect(Math.abs(model.airlocks.A.chamberKpa - model.bay.kPa)).toBeLessThan(1);
    expect(model.bay.kPa).toBeGreaterThan(45);
  });

  it('pumps at the rate it is given', () => {
    const model = new LaunchBayModel({ ...emptyChamber, constants: { chamberPumpMs: 2000 } });
    model.airlocks.A.pumpOn = true;
    run(model, 2000);
    expect(model.airlocks.A.chamberKpa).toBeCloseTo(101.3, 6);
  });
});
