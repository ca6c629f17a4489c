// The simulated bay pumps and vents over minutes, empties through its open door, leaks, and heats only with air in it.
import { describe, expect, it } from 'vitest';
import { airlockLetters } from '../../firmware/board/signals';
import { LaunchBayModel } from '../../sim/physics';
import { run, timeUntil } from './physics-helpers';

const vacuum = { bay: { kPa: 0, tempC: -40 } };

describe('the bay air', () => {
  it('pumps up from vacuum to ship pressure in about 120 s', () => {
    const model = new LaunchBayModel(vacuum);
    model.bay.pumpOn = true;
    run(model, 110_000);
    expect(model.bay.kPa).toBeLessThan(97);
    run(model, 10_000);
    expect(model.bay.kPa).toBeCloseTo(101.3, 6);
  });

  it('vents to vacuum in about 90 s', () => {
    const model = new LaunchBayModel();
    model.bay.ventOn = true;
    const t = timeUntil(model, () => model.bay.kPa <= 2, 200_000);
    expect(t).toBeGreaterThan(85_000);
    expect(t).toBeLessThanOrEqual(90_000);
  });

  it('does nothing with a dead pump', () => {
    const model = new LaunchBayModel({ bay: { kPa: 0, pumpDead: true } });
    model.bay.pumpOn = true;
    run(model, 60_000);
    expect(model.bay.kPa).toBe(0);
  });

  it('empties to space within about 10 s of the bay door opening', () => {
    const model = new LaunchBayModel();
    model.bayDoor.motor = 1;
    run(model, 5000);
    expect(model.bay.kPa).toBeGreaterThan(5);
    run(model, 5000);
    expect(model.bay.kPa).toBeLessThan(2);
  });

  it('keeps its air while the bay door is closed', () => {
    const model = new LaunchBayModel();
    run(model, 600_000);
    expect(model.bay.kPa).toBe(101.3);
  });

  it('loses air through a leak at the leak rate', () => {
    const model = new LaunchBayModel();
    model.bay.leakKpaPerS = 1.5;
    run(model, 10_000);
    expect(model.bay.kPa).toBeCloseTo(86.3, 6);
  });

  it('never falls below vacuum', () => {
    const model = new LaunchBayModel({ bay: { kPa: 1, leakKpaPerS: 5, ventOn: true } });
    run(model, 5000);
    expect(model.bay.kPa).toBe(0);
  });
});

describe('the bay heat', () => {
  it('warms about 1 °C every 3 s with the heater on in a pressurized bay', () => {
    const model = new LaunchBayModel({ bay: { tempC: 12 } });
    model.bay.heaterOn = true;
    run(model, 30_000);
    expect(model.bay.tempC).toBeGreaterThan(21.5);
    expect(model.bay.tempC).toBeLessThan(22.1);
  });

  it('does not warm a bay in vacuum, heater or not', () => {
    const model = new LaunchBayModel(vacuum);
    model.bay.heaterOn = true;
    run(model, 60_000);
    expect(model.bay.tempC).toBe(-40);
  });

  it('drifts to 12 °C when pressurized and unheated', () => {
    const model = new LaunchBayModel();
    run(model, 600_000);
    expect(model.bay.tempC).toBeLessThan(16);
    run(model, 3 * 3_600_000, 1000);
    expect(model.bay.tempC).toBeCloseTo(12, 1);
  });

  it('drifts to -40 °C in vacuum', () => {
    const model = new LaunchBayModel({ bay: { kPa: 0 } });
    run(model, 600_000);
    expect(model.bay.tempC).toBeCloseTo(-40, 1);
  });

  it('must be heated to reach 20 °C again after re-pressurizing', () => {
    const model = new LaunchBayModel(vacuum);
    model.bay.pumpOn = true;
    run(model, 3_600_000, 1000);
    expect(model.bay.kPa).toBe(101.3);
    expect(model.bay.tempC).toBeLessThan(20);
    model.bay.heaterOn = true;
    expect(timeUntil(model, () => model.bay.tempC >= 20, 300_000)).toBeLessThan(300_000);
  });
});

describe('the model', () => {
  it('gives the same state for one long step as for many short ones', () => {
    const long = new LaunchBayModel(vacuum), short = new LaunchBayModel(vacuum);
    for (const m of [long, short]) { m.bay.pumpOn = true; m.bayDoor.motor = 1; m.airlocks.A.ventOn = true; }
    long.step(8000);
    run(short, 8000, 100);
    expect(long.bay.kPa).toBeCloseTo(short.bay.kPa, 9);
    expect(long.bayDoor.position).toBeCloseTo(short.bayDoor.position, 9);
    expect(long.airlocks.A.chamberKpa).toBeCloseTo(short.airlocks.A.chamberKpa, 9);
    expect(long.elapsedMs).toBe(8000);
  });

  it('knows every button and indicator signal, all released and off', () => {
    const model = new LaunchBayModel();
    expect(model.buttons['airlock B button 2']).toBe(false);
    expect(model.buttons['deck ready request']).toBe(false);
    expect(Object.keys(model.buttons)).toHaveLength(3 + 4 * airlockLetters.length); // the deck's three, four per airlock the vocabulary allows
    expect(model.outputs).toEqual({ beeper: false, klaxon: false, 'warning lights': false });
  });

  it('steps a simulated hour in 50 ms steps in under a second', () => {
    const model = new LaunchBayModel();
    model.bay.leakKpaPerS = 0.01;
    model.airlocks.A.outer.motor = 1;
    const start = performance.now();
    run(model, 3_600_000);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
