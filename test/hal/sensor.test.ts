import { beforeEach, describe, expect, it } from 'vitest';
import type { AnalogSensor, UartSensor } from '../../firmware/board/types';
import { PressureSensor, TemperatureSensor } from '../../hal/drivers';
import { createFakeDevice, ManualClock, type FakeDevice } from './fake-device';

const ADC = 36;
const analogKpa: AnalogSensor = { wiring: 'analog', pin: ADC, calibration: { raw: [0, 4095], value: [0, 120] } };
const TX = 4, RX = 5;
const uart: UartSensor = { wiring: 'uart', tx: TX, rx: RX, baud: 115200 };

describe('CalibratedSensor', () => {
  let device: FakeDevice, clock: ManualClock;
  beforeEach(() => { device = createFakeDevice(12); clock = new ManualClock(); });

  describe('on an ADC', () => {
    it('converts raw counts to kPa by its two calibration points', () => {
      const sensor = new PressureSensor({ device, clock, wiring: analogKpa });
      device.setRaw(ADC, 2048);
      expect(sensor.read()).toBeCloseTo(60.015, 3);
    });

    it('reads the calibration points themselves exactly', () => {
      const sensor = new PressureSensor({ device, clock, wiring: analogKpa });
      device.setRaw(ADC, 0);
      expect(sensor.read()).toBe(0);
      device.setRaw(ADC, 4095);
      expect(sensor.read()).toBe(120);
    });

    it('follows an offset, falling calibration (a thermistor divider)', () => {
      const thermistor: AnalogSensor = { wiring: 'analog', pin: ADC, calibration: { raw: [1000, 3000], value: [60, -20] } };
      const sensor = new TemperatureSensor({ device, clock, wiring: thermistor });
      device.setRaw(ADC, 2000);
      expect(sensor.read()).toBe(20);
      device.setRaw(ADC, 500);
      expect(sensor.read()).toBe(80);
    });

    it('stamps each reading with the clock', () => {
      const sensor = new PressureSensor({ device, clock, wiring: analogKpa });
      expect(sensor.lastUpdate).toBe(-Infinity);
      clock.advance(1234);
      sensor.read();
      expect(sensor.lastUpdate).toBe(1234);
    });

    it('refuses a calibration with one raw point twice', () => {
      const flat: AnalogSensor = { wiring: 'analog', pin: ADC, calibration: { raw: [100, 100], value: [0, 120] } };
      expect(() => new PressureSensor({ device, clock, wiring: flat })).toThrow(/calibration/);
    });
  });

  describe('on a UART', () => {
    it('reads NaN before the first line', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      expect(sensor.read()).toBeNaN();
    });

    it('keeps the last reading and the clock time it arrived', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      clock.advance(100);
      device.receive(RX, 'P 101.3\r\n');
      clock.advance(400);
      device.receive(RX, 'P 99.8\r\n');
      clock.advance(50);
      expect(sensor.read()).toBe(99.8);
      expect(sensor.lastUpdate).toBe(500);
    });

    it('parses a line split across chunks', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      device.receive(RX, 'P 10');
      expect(sensor.read()).toBeNaN();
      device.receive(RX, '1.3\r');
      device.receive(RX, '\nP 1');
      expect(sensor.read()).toBe(101.3);
      device.receive(RX, '02\n');
      expect(sensor.read()).toBe(102);
    });

    it('parses several lines in one chunk, keeping the last', () => {
      const sensor = new TemperatureSensor({ device, clock, wiring: uart });
      device.receive(RX, 'T 18.5\r\nT 19\r\nT -2.25\r\n');
      expect(sensor.read()).toBe(-2.25);
      expect(sensor.badLines).toBe(0);
    });

    it('accepts any one-letter tag, bare newlines and an exponent', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      device.receive(RX, 'x 1.5e2\n');
      expect(sensor.read()).toBe(150);
    });

    it('counts garbage lines without throwing, and keeps the last good reading', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      device.receive(RX, 'P 101.3\r\n');
      const garbage = ['PP 1', 'P', 'P abc', 'P 1.2.3', '7 3', 'P 12 kPa', '\x00\xff\x13', 'P -', 'P 1e'];
      expect(() => device.receive(RX, garbage.map((g) => g + '\r\n').join(''))).not.toThrow();
      expect(sensor.badLines).toBe(garbage.length);
      expect(sensor.read()).toBe(101.3);
    });

    it('counts a line too long to be a reading as one garbage line', () => {
      const sensor = new PressureSensor({ device, clock, wiring: uart });
      device.receive(RX, 'P ' + '1'.repeat(200) + '\r\nP 5\r\n');
      expect(sensor.badLines).toBe(1);
      expect(sensor.read()).toBe(5);
    });

    it('opens its UART with the board pins and baud, in buffer format', () => {
      new PressureSensor({ device, clock, wiring: uart });
      expect(device.serialOptions(TX)).toMatchObject({ transmit: TX, receive: RX, baud: 115200, format: 'buffer' });
    });
  });
});
