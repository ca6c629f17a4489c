import { beforeEach, describe, expect, it } from 'vitest';
import { LeakDetector } from '../../hal/drivers';
import { ManualClock } from './fake-device';

describe('LeakDetector', () => {
  let clock: ManualClock, kPa: number, venting: boolean, leaks: number;
  const sensor = { read: () => kPa };
  const detector = () => new LeakDetector({ sensor, clock, isVenting: () => venting, onLeak: () => leaks++ });
  /** Moves the pressure at `kPaPerS` for `ms`, in 100 ms steps. */
  const run = (kPaPerS: number, ms: number) => {
    for (let t = 0; t < ms; t += 100) { kPa += kPaPerS / 10; clock.advance(100); }
  };

  beforeEach(() => { clock = new ManualClock(); kPa = 101.3; venting = false; leaks = 0; });

  it('raises a leak when the pressure falls fast', () => {
    detector();
    run(-2, 2000);
    expect(leaks).toBe(1);
  });

  it('raises it within two samples of the fall starting', () => {
    detector();
    clock.advance(500);
    run(-2, 1000);
    expect(leaks).toBe(1);
  });

  it('raises nothing for a fall slower than the threshold', () => {
    detector();
    run(-0.4, 10_000);
    expect(leaks).toBe(0);
  });

  it('raises nothing while venting', () => {
    detector();
    venting = true;
    run(-5, 5000);
    expect(leaks).toBe(0);
  });

  it('raises nothing for a rising or steady pressure', () => {
    detector();
    run(+3, 2000);
    run(0, 2000);
    expect(leaks).toBe(0);
  });

  it('raises a leak once while the fall goes on', () => {
    detector();
    run(-2, 10_000);
    expect(leaks).toBe(1);
  });

  it('stays quiet through a slowing fall of the same leak', () => {
    detector();
    run(-2, 2000);
    run(-0.2, 5000);
    run(-2, 2000);
    expect(leaks).toBe(1);
  });

  it('raises again after the pressure has held steady for a sample', () => {
    detector();
    run(-2, 2000);
    run(0, 1000);
    run(-2, 2000);
    expect(leaks).toBe(2);
  });

  it('takes its period and threshold from its options', () => {
    new LeakDetector({ sensor, clock, isVenting: () => false, onLeak: () => leaks++, sampleMs: 1000, dropKpaPerS: 3 });
    run(-2, 5000);
    expect(leaks).toBe(0);
    run(-4, 2000);
    expect(leaks).toBe(1);
  });

  it('samples nothing once closed', () => {
    detector().close();
    run(-5, 5000);
    expect(leaks).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('LeakDetector, fast and faulted', () => {
  let clock: ManualClock, kPa: number, leaks: number, held: number;
  const sensor = { read: () => kPa };
  beforeEach(() => { clock = new ManualClock(); kPa = 101.3; leaks = 0; held = 0; });

  it('finds a fast breach within one sample, long before the bay is empty', () => {
    new LeakDetector({ sensor, clock, isVenting: () => false, onLeak: () => leaks++ });
    clock.advance(500);
    kPa -= 50; clock.advance(500);
    expect(leaks).toBe(1);
  });

  it('does not take the end of a planned fall for a leak once the vent closes', () => {
    let venting = true;
    new LeakDetector({ sensor, clock, isVenting: () => venting, onLeak: () => leaks++ });
    for (let i = 0; i < 10; i++) { kPa -= 1; clock.advance(500); }
    venting = false;
    for (let i = 0; i < 10; i++) clock.advance(500);
    expect(leaks).toBe(0);
  });

  it('says when the pressure holds again, so the alarm can stop', () => {
    const d = new LeakDetector({ sensor, clock, isVenting: () => false, onLeak: () => leaks++, onHeld: () => held++ });
    for (let i = 0; i < 6; i++) { kPa -= 2; clock.advance(500); }
    expect([leaks, d.leaking]).toEqual([1, true]);
    clock.advance(1000);
    expect([held, d.leaking]).toEqual([1, false]);
  });
});
