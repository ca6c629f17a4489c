// The simulator's sensors: ADC counts by the board's calibration inverted, UART streams, faults, and seeded noise.
import { describe, expect, it } from 'vitest';
import type { Board } from '../../firmware/board/types';
import { bench, text } from './bench-board';

// The bench board's chamber sensor: 409 counts at 0 kPa, 3686 at 120 kPa.
const kPaOf = (raw: number) => ((raw - 409) * 120) / (3686 - 409);

describe('the simulator provider, analog sensors', () => {
  it('reads the counts that the board\'s calibration turns back into the chamber pressure', () => {
    const { model, device } = bench({ airlocks: { A: { chamberKpa: 60 } } });
    const adc = new device.io.Analog({ pin: device.pin!['airlock A chamber pressure'] });
    expect(adc.resolution).toBe(12);
    expect(Number.isInteger(adc.read())).toBe(true);
    expect(kPaOf(adc.read())).toBeCloseTo(60, 1);
    model.airlocks.A.chamberKpa = 101.3;
    expect(kPaOf(adc.read())).toBeCloseTo(101.3, 1);
  });

  it('rounds to the nearest count', () => {
    // The bench thermometer: 0 counts at -50 °C, 40 counts per °C.
    const { model, device } = bench({ bay: { tempC: 20.02 } });
    const adc = new device.io.Analog({ pin: 35 });
    expect(adc.read()).toBe(2801);
    model.bay.tempC = 20.01;
    expect(adc.read()).toBe(2800);
  });

  it('clamps the counts to the 12-bit range', () => {
    const { model, device } = bench({ bay: { tempC: -60 } });
    const adc = new device.io.Analog({ pin: 35 });
    expect(adc.read()).toBe(0);
    model.bay.tempC = 60;
    expect(adc.read()).toBe(4095);
  });

  it('adds noise of at most 0.2 kPa, different from read to read', () => {
    const { device } = bench({ constants: { noiseKpa: 0.2 } });
    const adc = new device.io.Analog({ pin: 34 });
    const readings = Array.from({ length: 500 }, () => kPaOf(adc.read()));
    const countKpa = 120 / 3277;
    for (const r of readings) expect(Math.abs(r - 101.3)).toBeLessThanOrEqual(0.2 + countKpa);
    expect(new Set(readings).size).toBeGreaterThan(5);
  });

  it('reads a stuck sensor at its stuck value, whatever the pressure', () => {
    const { model, device } = bench({ constants: { noiseKpa: 0.2 } });
    const adc = new device.io.Analog({ pin: 34 });
    model.sensorFaults['airlock A chamber pressure'] = { kind: 'stuck', value: 42 };
    model.airlocks.A.chamberKpa = 0;
    expect(kPaOf(adc.read())).toBeCloseTo(42, 1);
    expect(adc.read()).toBe(adc.read());
  });

  it('reads full scale from a sensor out of range, and the truth again once the fault clears', () => {
    const { model, device } = bench({ airlocks: { A: { chamberKpa: 10 } } });
    const adc = new device.io.Analog({ pin: 34 });
    model.sensorFaults['airlock A chamber pressure'] = { kind: 'out of range' };
    expect(adc.read()).toBe(4095);
    model.sensorFaults['airlock A chamber pressure'] = undefined;
    expect(kPaOf(adc.read())).toBeCloseTo(10, 1);
  });

  it('refuses an Analog on a pin that is not an analog sensor', () => {
    const { device } = bench();
    expect(() => new device.io.Analog({ pin: 10 })).toThrow(/board "test bench": pin 10 \(airlock A pump\).*Analog/);
  });
});

const uartTemperature: Board = {
  name: 'uart thermometer', mcu: 'sim', hosts: ['bay environment'],
  signals: { 'bay temperature': { wiring: 'uart', tx: 20, rx: 21, baud: 115200 } },
};

function listen(device: ReturnType<typeof bench>['device'], tx = 12, rx = 13, baud = 9600) {
  const got = { text: '', calls: 0 };
  const port = new device.io.Serial({
    transmit: tx, receive: rx, baud, port: 1, format: 'buffer',
    onReadable(count) { got.calls++; expect(count).toBeGreaterThan(0); got.text += text(this.read()); },
  });
  return { port, got };
}

describe('the simulator provider, UART sensors', () => {
  it('streams a pressure line every 100 ms of clock time', () => {
    const { clock, device } = bench();
    const { got } = listen(device);
    clock.advance(99);
    expect(got.calls).toBe(0);
    clock.advance(251);
    expect(got.calls).toBe(3);
    expect(got.text).toBe('P 101.3\r\nP 101.3\r\nP 101.3\r\n');
  });

  it('streams the temperature below zero with its sign', () => {
    const { clock, device } = bench({ bay: { kPa: 0, tempC: -39.96 } }, uartTemperature);
    const { got } = listen(device, 20, 21, 115200);
    clock.advance(100);
    expect(got.text).toBe('T -40.0\r\n');
  });

  it('streams a stuck value, then garbage when out of range', () => {
    const { model, clock, device } = bench();
    const { got } = listen(device);
    model.sensorFaults['bay pressure'] = { kind: 'stuck', value: 7 };
    clock.advance(100);
    model.sensorFaults['bay pressure'] = { kind: 'out of range' };
    clock.advance(100);
    expect(got.text).toBe('P 7.0\r\nP ####.#\r\n');
  });

  it('keeps what is not read, up to the number of bytes asked for', () => {
    const { clock, device } = bench();
    const port = new device.io.Serial({ transmit: 12, receive: 13, baud: 9600, port: 1 });
    expect(port.read()).toBeUndefined();
    clock.advance(200);
    expect(text(port.read(4))).toBe('P 10');
    expect(text(port.read())).toBe('1.3\r\nP 101.3\r\n');
  });

  it('stops streaming once the port is closed', () => {
    const { clock, device } = bench();
    const { port, got } = listen(device);
    port.close();
    clock.advance(1000);
    expect(got.calls).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('refuses a UART on pins the board does not pair, naming the pin and the board', () => {
    const { device } = bench();
    expect(() => new device.io.Serial({ transmit: 12, receive: 99, baud: 9600, port: 1 })).toThrow(/board "test bench": pin 99/);
  });

  it('refuses a UART at another baud rate than the board says', () => {
    const { device } = bench();
    expect(() => new device.io.Serial({ transmit: 12, receive: 13, baud: 115200, port: 1 })).toThrow(/pin 12.*9600/);
  });
});

describe('the simulator provider, noise', () => {
  function readings(seed: number): number[] {
    const { clock, device } = bench({ seed, constants: { noiseKpa: 0.2, noiseC: 0.1 } });
    const adc = new device.io.Analog({ pin: 34 }), thermometer = new device.io.Analog({ pin: 35 });
    const { got } = listen(device);
    const out: number[] = [];
    for (let i = 0; i < 50; i++) { out.push(adc.read(), thermometer.read()); clock.advance(50); }
    out.push(...got.text.split('\r\n').filter(Boolean).map((l) => Number(l.slice(2))));
    return out;
  }

  it('gives the same readings for the same seed', () => {
    expect(readings(7)).toEqual(readings(7));
  });

  it('gives other readings for another seed', () => {
    expect(readings(7)).not.toEqual(readings(8));
  });
});
