// Simulated doors travel in their travel time, trip their limit switches at the ends, and stand still when jammed.
import { describe, expect, it } from 'vitest';
import { atClosedLimit, atOpenLimit, LaunchBayModel } from '../../sim/physics';
import { run, timeUntil } from './physics-helpers';

describe('a simulated door', () => {
  it('starts closed, on its closed limit', () => {
    const door = new LaunchBayModel().airlocks.A.outer;
    expect(atClosedLimit(door)).toBe(true);
    expect(atOpenLimit(door)).toBe(false);
  });

  it('opens an airlock door in its 3 s travel and trips the open limit', () => {
    const model = new LaunchBayModel(), door = model.airlocks.B.inner;
    door.motor = 1;
    expect(timeUntil(model, () => atOpenLimit(door), 10_000)).toBe(3000);
    expect(atClosedLimit(door)).toBe(false);
  });

  it('leaves the closed limit as soon as the door moves', () => {
    const model = new LaunchBayModel(), door = model.airlocks.A.outer;
    door.motor = 1;
    run(model, 50);
    expect(atClosedLimit(door)).toBe(false);
    expect(atOpenLimit(door)).toBe(false);
  });

  it('closes an open door in its travel time and trips the closed limit', () => {
    const model = new LaunchBayModel({ airlocks: { C: { outer: { position: 1 } } } }), door = model.airlocks.C.outer;
    door.motor = -1;
    expect(timeUntil(model, () => atClosedLimit(door), 10_000)).toBe(3000);
  });

  it('moves the bay door through its 20 s travel', () => {
    const model = new LaunchBayModel();
    model.bayDoor.motor = 1;
    run(model, 10_000);
    expect(model.bayDoor.position).toBeCloseTo(0.5, 6);
    expect(timeUntil(model, () => atOpenLimit(model.bayDoor), 20_000)).toBe(10_000);
  });

  it('holds at its end stop while the motor keeps running', () => {
    const model = new LaunchBayModel(), door = model.airlocks.D.outer;
    door.motor = 1;
    run(model, 10_000);
    expect(door.position).toBe(1);
  });

  it('stops where it stands when jammed, whatever its motor does', () => {
    const model = new LaunchBayModel(), door = model.airlocks.A.inner;
    door.motor = 1;
    run(model, 1500);
    model.jam('airlock A inner');
    run(model, 5000);
    expect(door.position).toBeCloseTo(0.5, 6);
    expect(door.jammed).toBe(true);
  });

  it('moves again once unjammed', () => {
    const model = new LaunchBayModel(), door = model.bayDoor;
    model.jam(door);
    door.motor = 1;
    run(model, 5000);
    expect(door.position).toBe(0);
    model.unjam('bay door');
    run(model, 20_000);
    expect(atOpenLimit(door)).toBe(true);
  });

  it('takes the travel time it is given', () => {
    const model = new LaunchBayModel({ constants: { airlockDoorTravelMs: 1000 }, bayDoor: { travelMs: 4000 } });
    model.airlocks.A.outer.motor = 1;
    model.bayDoor.motor = 1;
    run(model, 1000);
    expect(atOpenLimit(model.airlocks.A.outer)).toBe(true);
    expect(model.bayDoor.position).toBeCloseTo(0.25, 6);
  });

  it('finds doors by name, and refuses a door that does not exist', () => {
    const model = new LaunchBayModel();
    expect(model.door('airlock D outer door')).toBe(model.airlocks.D.outer);
    expect(model.door('airlock B inner')).toBe(model.airlocks.B.inner);
    expect(() => model.door('airlock E outer')).toThrow(/airlock E outer/);
  });
});
