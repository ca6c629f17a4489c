import { beforeEach, describe, expect, it } from 'vitest';
import { Beeper } from '../../hal/drivers';
import { createFakeDevice, ManualClock, type FakeDevice } from './fake-device';

const PIN = 2;

describe('Beeper', () => {
  let device: FakeDevice, clock: ManualClock;
  beforeEach(() => { device = createFakeDevice(); clock = new ManualClock(); });

  it('sounds for 120 ms by default', () => {
    const beeper = new Beeper({ device, clock, wiring: { pin: PIN } });
    beeper.beep();
    expect(beeper.sounding).toBe(true);
    expect(device.level(PIN)).toBe(1);
    clock.advance(119);
    expect(beeper.sounding).toBe(true);
    clock.advance(1);
    expect(beeper.sounding).toBe(false);
    expect(device.level(PIN)).toBe(0);
  });

  it('takes its duration from its options', () => {
    const beeper = new Beeper({ device, clock, wiring: { pin: PIN }, durationMs: 40 });
    beeper.beep();
    clock.advance(40);
    expect(beeper.sounding).toBe(false);
  });

  it('extends a beep that is beeped again while sounding', () => {
    const beeper = new Beeper({ device, clock, wiring: { pin: PIN } });
    beeper.beep();
    clock.advance(100);
    beeper.beep();
    clock.advance(100);
    expect(beeper.sounding).toBe(true);
    clock.advance(20);
    expect(beeper.sounding).toBe(false);
    expect(device.writes(PIN)).toEqual([0, 1, 0]);
  });

  it('drives an active-low beeper low while sounding', () => {
    const beeper = new Beeper({ device, clock, wiring: { pin: PIN, activeLow: true } });
    beeper.beep();
    expect(device.level(PIN)).toBe(0);
    clock.advance(120);
    expect(device.level(PIN)).toBe(1);
  });

  it('falls silent and leaves no timer when closed mid-beep', () => {
    const beeper = new Beeper({ device, clock, wiring: { pin: PIN } });
    beeper.beep();
    beeper.close();
    expect(device.level(PIN)).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
