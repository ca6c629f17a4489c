import { beforeEach, describe, expect, it } from 'vitest';
import type { InputWiring } from '../../firmware/board/types';
import { Button } from '../../hal/drivers';
import { createFakeDevice, ManualClock, type FakeDevice } from './fake-device';

// A button to ground on pin 4 with the internal pull-up: idle high, pressed low.
const PIN = 4;

describe('Button', () => {
  let device: FakeDevice, clock: ManualClock, presses: number, releases: number;
  const make = (wiring: InputWiring = { pin: PIN, activeLow: true, pullUp: true }, debounceMs?: number) =>
    new Button({ device, clock, wiring, debounceMs, onPress: () => presses++, onRelease: () => releases++ });

  beforeEach(() => { device = createFakeDevice(); clock = new ManualClock(); presses = 0; releases = 0; });

  it('reports a press once the contacts have been quiet for the debounce time', () => {
    const button = make();
    device.setLevel(PIN, 0);
    clock.advance(19);
    expect(presses).toBe(0);
    clock.advance(1);
    expect(presses).toBe(1);
    expect(button.pressed).toBe(true);
  });

  it('ignores a bounce shorter than the debounce time', () => {
    const button = make();
    device.setLevel(PIN, 0);
    clock.advance(5);
    device.setLevel(PIN, 1);
    clock.advance(100);
    expect(presses).toBe(0);
    expect(button.pressed).toBe(false);
  });

  it('counts a bouncing, then held, press as one press', () => {
    make();
    for (let i = 0; i < 5; i++) { device.setLevel(PIN, 0); clock.advance(2); device.setLevel(PIN, 1); clock.advance(3); }
    device.setLevel(PIN, 0);
    clock.advance(5000);
    expect(presses).toBe(1);
    expect(releases).toBe(0);
  });

  it('reports the release after a press', () => {
    const button = make();
    device.setLevel(PIN, 0);
    clock.advance(50);
    device.setLevel(PIN, 1);
    clock.advance(50);
    expect([presses, releases]).toEqual([1, 1]);
    expect(button.pressed).toBe(false);
  });

  it('takes the debounce time from its options', () => {
    make(undefined, 50);
    device.setLevel(PIN, 0);
    clock.advance(30);
    expect(presses).toBe(0);
    clock.advance(20);
    expect(presses).toBe(1);
  });

  it('opens an active-low button with the pull-up, so an idle pin reads released', () => {
    const button = make({ pin: PIN, activeLow: true, pullUp: true });
    expect(device.mode(PIN)).toBe(device.io.Digital.InputPullUp);
    expect(button.pressed).toBe(false);
  });

  it('reads an active-high button pressed when its pin is high', () => {
    const button = make({ pin: PIN, activeLow: false, pullUp: false });
    expect(device.mode(PIN)).toBe(device.io.Digital.Input);
    device.setLevel(PIN, 1);
    clock.advance(20);
    expect(presses).toBe(1);
    expect(button.pressed).toBe(true);
  });

  it('takes a pull-up alone to mean active-low', () => {
    const button = make({ pin: PIN, pullUp: true });
    device.setLevel(PIN, 0);
    clock.advance(20);
    expect(button.pressed).toBe(true);
  });

  it('reports nothing after it is closed, and frees its pin', () => {
    const button = make();
    device.setLevel(PIN, 0);
    button.close();
    clock.advance(100);
    expect(presses).toBe(0);
    expect(clock.pending).toBe(0);
    expect(device.isOpen(PIN)).toBe(false);
  });
});
