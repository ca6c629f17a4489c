// The virtual clock runs timers in time order, repeats them, and moves only when advanced.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock';

describe('the virtual clock', () => {
  it('starts at zero and moves only when advanced', () => {
    const clock = new VirtualClock();
    expect(clock.now()).toBe(0);
    clock.advance(250);
    expect(clock.now()).toBe(250);
  });

  it('runs timers in the order they fall due, each at its own instant', () => {
    const clock = new VirtualClock(), seen: string[] = [];
    clock.set(() => seen.push(`c@${clock.now()}`), 30);
    clock.set(() => seen.push(`a@${clock.now()}`), 10);
    clock.set(() => seen.push(`b@${clock.now()}`), 20);
    clock.advance(100);
    expect(seen).toEqual(['a@10', 'b@20', 'c@30']);
  });

  it('runs timers due at the same instant in the order they were set', () => {
    const clock = new VirtualClock(), seen: number[] = [];
    for (let i = 0; i < 20; i++) clock.set(() => seen.push(i), 5);
    clock.advance(5);
    expect(seen).toEqual([...Array(20).keys()]);
  });

  it('does not run a timer before it is due', () => {
    const clock = new VirtualClock();
    let fired = false;
    clock.set(() => { fired = true; }, 100);
    clock.advance(99);
    expect(fired).toBe(false);
    clock.advance(1);
    expect(fired).toBe(true);
  });

  it('repeats a timer every repeatMs after its first delay', () => {
    const clock = new VirtualClock(), times: number[] = [];
    clock.set(() => times.push(clock.now()), 5, 10);
    clock.advance(40);
    expect(times).toEqual([5, 15, 25, 35]);
  });

  it('stops a repeating timer when it is cleared, even from its own callback', () => {
    const clock = new VirtualClock();
    let count = 0;
    const id = clock.set(() => { if (++count === 3) clock.clear(id); }, 10, 10);
    clock.advance(1000);
    expect(count).toBe(3);
    expect(clock.pending).toBe(0);
  });

  it('never runs a one-shot timer cleared before it is due', () => {
    const clock = new VirtualClock(), seen: string[] = [];
    clock.set(() => seen.push('kept'), 10);
    const id = clock.set(() => seen.push('cleared'), 10);
    clock.set(() => seen.push('later'), 20);
    clock.clear(id);
    clock.advance(30);
    expect(seen).toEqual(['kept', 'later']);
  });

  it('runs timers set by callbacks during an advance when they fall due within it', () => {
    const clock = new VirtualClock(), seen: string[] = [];
    clock.set(() => {
      seen.push(`first@${clock.now()}`);
      clock.set(() => seen.push(`now@${clock.now()}`), 0);
      clock.set(() => seen.push(`soon@${clock.now()}`), 15);
      clock.set(() => seen.push(`too late@${clock.now()}`), 100);
    }, 10);
    clock.advance(50);
    expect(seen).toEqual(['first@10', 'now@10', 'soon@25']);
  });

  it('interleaves repeating timers by their due times, ties in order of re-arming', () => {
    const clock = new VirtualClock(), seen: string[] = [];
    clock.set(() => seen.push(`a${clock.now()}`), 10, 10);
    clock.set(() => seen.push(`b${clock.now()}`), 15, 5);
    clock.advance(30);
    expect(seen).toEqual(['a10', 'b15', 'a20', 'b20', 'b25', 'a30', 'b30']);
  });

  it('counts a repeat as set when it is re-armed, so a timer set earlier for that instant runs first', () => {
    const clock = new VirtualClock(), seen: string[] = [];
    clock.set(() => seen.push(`repeat@${clock.now()}`), 10, 10);
    clock.set(() => seen.push(`once@${clock.now()}`), 20);
    clock.advance(20);
    expect(seen).toEqual(['repeat@10', 'once@20', 'repeat@20']);
  });

  it('stops a run at the first instant the predicate holds', () => {
    const clock = new VirtualClock();
    let level = 0;
    clock.set(() => { level++; }, 70, 70);
    expect(clock.runUntil(() => level === 3, 1000)).toBe(true);
    expect(clock.now()).toBe(210);
  });

  it('gives up a run at its limit, with the time at the limit', () => {
    const clock = new VirtualClock();
    clock.set(() => {}, 10, 10);
    expect(clock.runUntil(() => false, 500)).toBe(false);
    expect(clock.now()).toBe(500);
  });

  it('checks the predicate every stepMs when given one', () => {
    const clock = new VirtualClock();
    let checks = 0;
    clock.runUntil(() => { checks++; return clock.now() >= 100; }, 1000, 25);
    expect(clock.now()).toBe(100);
    expect(checks).toBe(5);
  });

  it('fires a million repeating timer callbacks in order', () => {
    const clock = new VirtualClock();
    let fired = 0, outOfOrder = 0, last = 0;
    for (let i = 0; i < 100; i++) {
      clock.set(() => { fired++; if (clock.now() < last) outOfOrder++; last = clock.now(); }, i % 7, 10 + (i % 13));
    }
    while (fired < 1_000_000) clock.advance(1000);
    expect(outOfOrder).toBe(0);
    expect(clock.pending).toBe(100);
  });

  it('refuses to advance from inside a timer callback', () => {
    const clock = new VirtualClock();
    let error: unknown;
    clock.set(() => { try { clock.advance(10); } catch (e) { error = e; } }, 5);
    clock.advance(10);
    expect(String(error)).toMatch(/inside a timer callback/);
  });
});
