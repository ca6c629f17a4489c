// A sensor's readings judged: jumps, falls that a breach explains and falls that it does not, stuck and silent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bayPressureLimits, chamberPressureLimits, MOVING_MS, SensorWatch } from '../../firmware/controller/sensor-watch';
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

/**
 * A bay pressure sensor read every 100 ms as the simulator's is: the true pressure with uniform noise of ±0.2 kPa
 * from a seeded generator, given to a tenth (the transmitter's last digit). `readings` is the true pressure, one a
 * reading; the watch is made (the node boots) at the first of them.
 */
function watchReadings(truth: readonly number[], seed: number) {
  const clock = new ManualClock();
  let i = 0, s = seed >>> 0;
  const noise = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return (s / 2 ** 32) * 0.4 - 0.2; };
  const source = { read: () => Math.round((truth[Math.min(i, truth.length - 1)] + noise()) * 10) / 10 };
  // The reading is drawn once per sample; the watch and the test see the same one.
  let current = NaN;
  const watch = new SensorWatch('bay pressure', { read: () => current }, clock, bayPressureLimits);
  const faults: string[] = [];
  for (i = 0; i < truth.length; i++) {
    current = source.read();
    clock.advance(100);
    const f = watch.sample();
    if (f) faults.push(f);
  }
  return { watch, faults };
}

/** A bay at `from` kPa, flat for `flatMs`, then a breach of `kPaPerS` for `breachMs`, then sealed for 3 s. */
function breach(from: number, flatMs: number, kPaPerS: number, breachMs: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < flatMs; t += 100) out.push(from);
  for (let t = 100; t <= breachMs; t += 100) out.push(from - (kPaPerS * t) / 1000);
  for (let t = 0; t < 3000; t += 100) out.push(from - (kPaPerS * breachMs) / 1000);
  return out;
}

describe('a sensor watch over a slow breach sealed at any moment', () => {
  it('never condemns the sensor when the breach is sealed just after a reading that the noise made fall fast (soak 967)', () => {
    // The readings the soak's bay node saw from its boot, into a 5 kPa/s breach sealed 0.8 s later: 44.7 → 43.9 is
    // a fall beyond the parts' rate and the margin, and the seal leaves only 0.7 kPa more to follow it.
    const clock = new ManualClock();
    const seen = [46.6, 46.1, 45.7, 45.2, 44.7, 43.9, 43.6, 43.1, 43.1, 43.1, 43.2, 43.2, 43.1, 43.0, 43.0, 42.9, 43.1, 43.0, 43.2, 43.0];
    let i = 0;
    const watch = new SensorWatch('bay pressure', { read: () => seen[Math.min(i, seen.length - 1)] }, clock, bayPressureLimits);
    const faults: string[] = [];
    for (i = 0; i < seen.length; i++) { clock.advance(100); const f = watch.sample(); if (f) faults.push(f); }
    expect(faults).toEqual([]);
    expect(watch.read()).toBeCloseTo(43, 0);
  });

  it('never condemns it for a breach of 2 to 7 kPa/s however long before the seal, on 40 noise seeds, watched from before the breach', () => {
    const condemned: string[] = [];
    for (const kPaPerS of [2, 3.5, 5, 6, 7]) {
      for (let breachMs = 100; breachMs <= 3000; breachMs += 100) {
        for (let seed = 1; seed <= 40; seed++) {
          const { faults } = watchReadings(breach(80, 2000, kPaPerS, breachMs), seed);
          if (faults.length > 0) condemned.push(`${kPaPerS} kPa/s for ${breachMs} ms, seed ${seed}: ${faults[0]}`);
        }
      }
    }
    expect(condemned).toEqual([]);
  });

  it('never condemns it when it is watched only from the middle of the breach (a node booting into it)', () => {
    const condemned: string[] = [];
    for (const kPaPerS of [2, 3.5, 5, 6, 7]) {
      for (let breachMs = 100; breachMs <= 2000; breachMs += 100) {
        for (let seed = 1; seed <= 40; seed++) {
          // The breach has run 3 s before the node boots: its first reading is already falling.
          const truth = breach(80, 0, kPaPerS, 3000 + breachMs).slice(30);
          const { faults } = watchReadings(truth, seed);
          if (faults.length > 0) condemned.push(`${kPaPerS} kPa/s sealed ${breachMs} ms after boot, seed ${seed}: ${faults[0]}`);
        }
      }
    }
    expect(condemned).toEqual([]);
  });

  it('reads the bay again once the sealed breach has settled', () => {
    const { watch, faults } = watchReadings(breach(80, 2000, 5, 1300), 3);
    expect(faults).toEqual([]);
    expect(watch.read()).toBeCloseTo(73.5, 0);
  });
});

describe('a sensor watch that takes a breach\'s trend into account', () => {
  it('still judges a fall out of a flat history that a breach\'s trend would have allowed: unknown until it is corroborated', () => {
    const { watch, step, hold } = watched(60);
    hold(20);
    step(58.9);
    expect(watch.read()).toBeNaN();
  });

  it('still condemns a sensor that steps down and stays in the middle of a slow breach: the step goes beyond the trend', () => {
    const { faults, step, hold, stick } = watched(60);
    for (let kPa = 59.5; kPa >= 50; kPa -= 0.5) step(kPa);
    stick(30);
    step(30);
    hold(8);
    expect(faults).toEqual(['bay pressure: jumped from 50.1 to 30.0']);
  });

  it('still condemns a sensor that fails to zero in the middle of a slow breach', () => {
    const { faults, step, hold } = watched(60);
    for (let kPa = 59.5; kPa >= 50; kPa -= 0.5) step(kPa);
    step(0);
    hold(8);
    expect(faults).toEqual(['bay pressure: jumped from 50.1 to 0.1']);
  });

  it('takes a step that stays as physics only up to what a breach sealed within the window leaves (2.2 kPa for the bay)', () => {
    const small = watched(60);
    small.hold(20); small.step(58.2); small.hold(10);
    expect(small.faults).toEqual([]);
    const large = watched(60);
    large.hold(20); large.step(57.2); large.hold(10);
    expect(large.faults).toEqual(['bay pressure: jumped from 60.1 to 57.3']);
  });

  it('still condemns, as the limit in COORDINATION.md says, a fast breach sealed within a reading of its start: it leaves what a step leaves', () => {
    const { faults } = watchReadings(breach(80, 2000, 100, 100), 1);
    expect(faults).toEqual(['bay pressure: jumped from 80.0 to 70.1']);
  });

  it('is described in COORDINATION.md with the bound its limits give', () => {
    const l = bayPressureLimits, bound = (l.maxFallPerS * l.corroborateMs) / 1000 + l.sealSlack + 0.4;
    const doc = readFileSync('docs/COORDINATION.md', 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(`takes a step that stays as physics up to ${bound.toFixed(1)} kPa`);
    expect(doc).toContain(`may lose up to ${l.sealSlack} kPa more without corroborating it`);
  });

  it('forgets the readings that led to a fault: a trend never carries a false step into the next judgement', () => {
    const { watch, faults, step, hold } = watched(60);
    step(40);
    hold(20);
    expect(faults).toEqual(['bay pressure: jumped from 60.1 to 40.1']);
    expect(watch.fault).toBeUndefined();
    step(38.5);
    expect(watch.read()).toBeNaN();
  });
});

describe('what opens a door: a reading that has moved lately', () => {
  it('reads a live sensor, and nothing from one frozen for over a second, long before it is condemned stuck', () => {
    const { watch, faults, hold, stick } = watched();
    hold(5);
    expect(watch.readMoving(MOVING_MS)).toBeCloseTo(101.3, 0);
    stick(101.0);
    hold(1);
    expect(watch.readMoving(MOVING_MS)).toBe(101.0); // frozen a moment: not yet suspect
    hold(11);
    expect(watch.read()).toBe(101.0); // the rules still read it
    expect(watch.readMoving(MOVING_MS)).toBeNaN(); // a door does not open on it
    expect(faults).toEqual([]);
    hold(40);
    expect(faults).toEqual(['bay pressure: stuck at 101.0']);
  });
});

describe('a chamber sensor, sealed and open', () => {
  // A chamber read every 50 ms (a scan), with noise; `open` is whether a door is off its closed limit.
  function chamber(start: number) {
    const clock = new ManualClock();
    let kPa = start, tick = 0, open = false;
    const watch = new SensorWatch('airlock A chamber pressure', { read: () => kPa + (tick % 2 === 0 ? 0.1 : -0.1) }, clock, chamberPressureLimits, () => open);
    const faults: string[] = [];
    const step = (to: number) => { kPa = to; tick++; clock.advance(50); const f = watch.sample(); if (f) faults.push(f); };
    step(start); step(start);
    return { watch, faults, step, setOpen: (o: boolean) => { open = o; } };
  }

  it('takes a sealed chamber\'s step of a few kPa as a jump, either way: only its pump or vent moves it', () => {
    const up = chamber(92);
    up.step(92.6); // the pump, 12.7 kPa/s: 0.64 a scan
    up.step(99.6);
    expect(up.faults).toEqual([expect.stringMatching(/^airlock A chamber pressure: jumped from 92\.\d to 99\.\d$/)]);
    const down = chamber(6.5);
    down.step(0.5);
    expect(down.faults).toEqual([expect.stringMatching(/^airlock A chamber pressure: jumped from 6\.\d to 0\.\d$/)]);
  });

  it('takes the same step with a door off its closed limit as the door evening the pressures (within 5.5 kPa)', () => {
    const c = chamber(96.5);
    c.setOpen(true);
    c.step(101.3);
    c.step(101.3);
    expect(c.faults).toEqual([]);
    expect(c.watch.read()).toBeCloseTo(101.3, 0);
  });
});
