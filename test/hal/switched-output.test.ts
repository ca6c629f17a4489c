import { beforeEach, describe, expect, it } from 'vitest';
import { Heater, Pump, VentValve } from '../../hal/drivers';
import { createFakeDevice, type FakeDevice } from './fake-device';

const PIN = 25;

describe('SwitchedOutput', () => {
  let device: FakeDevice;
  beforeEach(() => { device = createFakeDevice(); });

  it('starts off', () => {
    const pump = new Pump({ device, wiring: { pin: PIN } });
    expect(pump.isOn).toBe(false);
    expect(device.level(PIN)).toBe(0);
  });

  it('drives an active-high part high when on', () => {
    const pump = new Pump({ device, wiring: { pin: PIN } });
    pump.on();
    expect(pump.isOn).toBe(true);
    expect(device.level(PIN)).toBe(1);
  });

  it('drives an active-low relay low when on and high when off', () => {
    const vent = new VentValve({ device, wiring: { pin: PIN, activeLow: true } });
    expect(device.level(PIN)).toBe(1);
    vent.set(true);
    expect(device.level(PIN)).toBe(0);
    vent.off();
    expect(device.level(PIN)).toBe(1);
  });

  it('writes the pin only when the part changes', () => {
    const heater = new Heater({ device, wiring: { pin: PIN } });
    heater.set(true); heater.set(true); heater.set(false); heater.set(false);
    expect(device.writes(PIN)).toEqual([0, 1, 0]);
  });

  it('switches off before it lets go of the pin', () => {
    const heater = new Heater({ device, wiring: { pin: PIN } });
    heater.on();
    heater.close();
    expect(device.level(PIN)).toBe(0);
    expect(device.isOpen(PIN)).toBe(false);
  });
});
