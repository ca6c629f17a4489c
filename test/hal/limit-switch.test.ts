import { beforeEach, describe, expect, it } from 'vitest';
import { LimitSwitch } from '../../hal/drivers';
import { createFakeDevice, type FakeDevice } from './fake-device';

const PIN = 12;

describe('LimitSwitch', () => {
  let device: FakeDevice;
  beforeEach(() => { device = createFakeDevice(); });

  it('reads inactive while an active-low switch idles high on its pull-up', () => {
    const limit = new LimitSwitch({ device, wiring: { pin: PIN, activeLow: true, pullUp: true } });
    expect(limit.active).toBe(false);
  });

  it('reads active when an active-low switch pulls its pin low', () => {
    const limit = new LimitSwitch({ device, wiring: { pin: PIN, activeLow: true, pullUp: true } });
    device.setLevel(PIN, 0);
    expect(limit.active).toBe(true);
  });

  it('reads active when an active-high switch drives its pin high', () => {
    const limit = new LimitSwitch({ device, wiring: { pin: PIN } });
    expect(limit.active).toBe(false);
    device.setLevel(PIN, 1);
    expect(limit.active).toBe(true);
  });

  it('tells each change of meaning once', () => {
    const changes: boolean[] = [];
    new LimitSwitch({ device, wiring: { pin: PIN, activeLow: true }, onChange: (a) => changes.push(a) });
    device.setLevel(PIN, 0);
    device.setLevel(PIN, 1);
    expect(changes).toEqual([true, false]);
  });

  it('frees its pin when closed', () => {
    const limit = new LimitSwitch({ device, wiring: { pin: PIN } });
    limit.close();
    expect(device.isOpen(PIN)).toBe(false);
  });
});
