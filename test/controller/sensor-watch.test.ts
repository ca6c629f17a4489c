// A sensor's readings judged: jumps, falls that a breach explains and falls that it does not, stuck and silent.
import { describe, expect, it } from 'vitest';
import { bayPressureLimits, SensorWatch } from '../../firmware/controller/sensor-watch';
import { ManualClock } from '../hal/fake-device';

/** A pressure sensor read every 100 ms (a UART transmitter's pace), with a little noise around `kPa`. */
function watched(start = 101.3) {
  const clock = new ManualClock();
  let kPa = start, tick = 0, stuck: number | undefined;
  // A live sensor's noise; a stuck one reads one value exactly.
  const source = { read: () => stuck ?? kPa + (tick % 2 === 0 ? 0.1 : -0.1) };
  const watch = new SensorWatch('bay pressure', source, clock, bayPressureLimits);
  const faults: string[] = [];
  const step = (to: number) => {
    kPa = to; tick++;
    clock.advance(100);
    const f = watch.sample();
    if (f) faults.push(f);
  };
  step(start); step(start);
  return { watch, faults, step, hold: (n: number) => { for (let i = 0; i < n; i++) step(kPa); }, stick: (v: number) => { stuck = v; } };
}

describe('a sensor watch', () => {
  it('is unknown until its readings have changed once, as a live sensor\'s do', () => {
    const clock = new ManualClock();
    const watch = new SensorWatch('bay pressure', { read: () => 50 }, clock, bayPressureLimits);
    for (let i = 0; i < 10; i++) { clock.advance(100); watch.sample(); }
    expect(watch.known).toBe(false);
    expect(watch.read()).toBeNaN();
  });

  it('takes a rise faster than any pump as a sensor fault at once', () => {
    const { faults, step } = watched(50);
    step(70);
    expect(faults).toEqual(['bay pressure: jumped from 50.1 to 69.9']);
  });

  it('takes a fast fall that goes on falling as real (a breach of up to 100 kPa/s), and reads it once corroborated', () => {
    const { watch, faults, step } = watched();
    for (let kPa = 91.3; kPa >= 0; kPa -= 10) step(kPa);
    step(0); step(0);
    expect(faults).toEqual([]);
    expect(watch.read()).toBeLessThan(1);
  });

  it('reads a fast fall as unknown while it is judged, so nothing acts on a reading that may be false', () => {
    const { watch, step } = watched();
    step(90);
    expect(watch.read()).toBeNaN();
  });

  it('condemns a sensor that steps down and stays there', () => {
    const { watch, faults, step, hold, stick } = watched();
    stick(0);
    step(0);
    hold(6);
    expect(faults).toEqual(['bay pressure: jumped from 101.4 to 0.0']);
    expect(watch.read()).toBeNaN();
  });

  it('condemns a sensor that steps down and comes back', () => {
    const { faults, step } = watched();
    step(80);
    step(101.3);
    expect(faults).toEqual(['bay pressure: jumped from 101.4 to 79.9 and back to 101.4']);
  });

  it('accepts the last, steepest step of a fall already under way, down to vacuum', () => {
    const { faults, step, hold } = watched(30);
    step(25); step(18); step(9.3); step(0);
    hold(10);
    expect(faults).toEqual([]);
  });

  it('condemns a sensor stuck at one value for five seconds', () => {
    const clock = new ManualClock();
    let kPa = 60;
    const watch = new SensorWatch('bay pressure', { read: () => kPa }, clock, bayPressureLimits);
    const faults: string[] = [];
    for (let i = 0; i < 60; i++) { kPa = i < 3 ? 60 + i * 0.1 : 60.2; clock.advance(100); const f = watch.sample(); if (f) faults.push(f); }
    expect(faults).toEqual(['bay pressure: stuck at 60.2']);
  });
});

describe('a sensor watch at the bottom of a fall', () => {
  it('takes the last step of a vent to vacuum as physics, when the vent alone would have got there by now', () => {
    const { faults, step, hold } = watched(0.8);
    step(0.7); step(0);
    hold(8);
    expect(faults).toEqual([]);
  });

  it('still condemns a sensor stuck at zero while the bay holds air: at vacuum a live sensor shows noise, a stuck one none', () => {
    const { faults, step, hold, stick } = watched(8.6);
    step(8.5); stick(0); step(0);
    hold(8);
    expect(faults).toEqual(['bay pressure: jumped from 8.4 to 0.0']);
  });

  it('takes a breach that reaches vacuum in one reading as real once the readings there are live', () => {
    const { faults, step, hold } = watched(2.1);
    step(2.0); step(0);
    hold(8);
    expect(faults).toEqual([]);
  });
});

describe('a sensor failing to zero from a bay full of air', () => {
  it('is condemned even when its readings at zero move with noise: no breach empties a bay in one reading', () => {
    const { faults, step, hold } = watched();
    step(0);
    hold(8);
    expect(faults).toEqual(['bay pressure: jumped from 101.4 to 0.1']);
  });
});
