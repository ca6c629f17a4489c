// The simulated StandardFirmata board, spoken to byte by byte as protocol.md describes, in virtual time.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';
import { createSimulatedArduino, type SimulatedArduino } from '../../emulators/firmata/arduino';
import { VirtualClock } from '../../sim/clock';

const board = loadBoard('arduino-uno');
const pin = (signal: string) => (board.signals[signal] as { pin: number }).pin;

let clock: VirtualClock, arduino: SimulatedArduino, heard: number[], logged: string[];
const send = (...bytes: number[]) => { for (const l of listeners) l(Uint8Array.from(bytes)); };
let listeners: ((chunk: Uint8Array) => void)[];

beforeEach(() => {
  clock = new VirtualClock();
  heard = [];
  logged = [];
  listeners = [];
  arduino = createSimulatedArduino({ board, mcu: loadMcu('atmega328p'), clock, log: (l) => logged.push(l) });
  arduino.attach({ write: (b) => heard.push(...b), on: (_e, l) => listeners.push(l), off: () => {} });
  heard.length = 0; // the announcement at attach
});

/** The sysex message with this sub-command among the bytes heard. */
function sysex(command: number): number[] {
  const start = heard.findIndex((b, i) => b === 0xf0 && heard[i + 1] === command);
  return heard.slice(start, heard.indexOf(0xf7, start) + 1);
}

describe('the simulated StandardFirmata board', () => {
  it('announces protocol 2.5 and its name when it comes out of reset', () => {
    arduino.attach({ write: (b) => heard.push(...b), on: () => {}, off: () => {} });
    expect(heard.slice(0, 3)).toEqual([0xf9, 2, 5]);
    expect(String.fromCharCode(...sysex(0x79).slice(4, -1).filter((_, i) => i % 2 === 0))).toBe('StandardFirmata');
  });

  it('answers a version request', () => {
    send(0xf9);
    expect(heard).toEqual([0xf9, 2, 5]);
  });

  it('offers no modes on D0 and D1, which carry the USB serial line', () => {
    send(0xf0, 0x6b, 0xf7);
    const pins = sysex(0x6c).slice(2, -1);
    expect(pins.slice(0, 2)).toEqual([0x7f, 0x7f]);
  });

  it('offers input, output and pull-up on D2, PWM of 8 bits on D3, and a 10-bit ADC on A0', () => {
    send(0xf0, 0x6b, 0xf7);
    const lists: number[][] = [];
    let current: number[] = [];
    for (const b of sysex(0x6c).slice(2, -1)) { if (b === 0x7f) { lists.push(current); current = []; } else current.push(b); }
    expect(lists).toHaveLength(20);
    expect(lists[2]).toEqual([0, 1, 1, 1, 0x0b, 1]);
    expect(lists[3]).toContain(3);
    expect(lists[3][lists[3].indexOf(3) + 1]).toBe(8);
    expect(lists[14][lists[14].indexOf(2) + 1]).toBe(10);
  });

  it('maps analog channel 0 to pin 14 (A0) and gives digital pins no channel', () => {
    send(0xf0, 0x69, 0xf7);
    const map = sysex(0x6a).slice(2, -1);
    expect(map[14]).toBe(0);
    expect(map[19]).toBe(5);
    expect(map[2]).toBe(0x7f);
  });

  it('reports a port as soon as its reporting is enabled, with a pulled-up idle button high', () => {
    send(0xf4, pin('airlock A button 3'), 0x0b);
    send(0xd0, 1);
    expect(heard).toEqual([0x90, 1 << 4, 0]);
  });

  it('reports the port again when a button is pressed', () => {
    send(0xf4, pin('airlock A button 3'), 0x0b, 0xd0, 1);
    heard.length = 0;
    arduino.press('airlock A button 3', 100);
    clock.advance(10);
    expect(heard).toEqual([0x90, 0, 0]);
  });

  it('reads a button without its pull-up as floating low', () => {
    send(0xf4, pin('airlock A button 3'), 0x00, 0xd0, 1);
    expect(heard).toEqual([0x90, 0, 0]);
  });

  it('runs the inner door motor when dir and enable go high', () => {
    const { dir, enable } = board.signals['airlock A inner door'] as { dir: number; enable: number };
    send(0xf4, dir, 1, 0xf4, enable, 1);
    send(0xf5, dir, 1, 0xf5, enable, 1);
    expect(arduino.model.airlocks.A.inner.motor).toBe(1);
    expect(arduino.firmata.pin(enable)).toMatchObject({ mode: 1, value: 1 });
  });

  it('sets output pins from a digital port message and leaves pulled-up inputs alone', () => {
    send(0xf4, 13, 1, 0xf4, 12, 0x0b);
    send(0x91, 0b0011_0000, 0);
    expect(arduino.firmata.pin(13)).toMatchObject({ mode: 1, value: 1 });
    expect(arduino.firmata.pin(12)).toMatchObject({ mode: 0x0b, value: 0 });
    expect(arduino.model.airlocks.A.pumpOn).toBe(true);
  });

  it('reports the chamber potentiometer at once and then every sampling interval', () => {
    send(0xc0, 1);
    expect(heard).toHaveLength(3);
    expect(heard[0]).toBe(0xe0);
    const counts = heard[1] | (heard[2] << 7);
    expect(counts).toBeGreaterThan(860); // 101.3 kPa of 120 on a 10-bit ADC
    expect(counts).toBeLessThan(870);
    clock.advance(19 * 3);
    expect(heard).toHaveLength(12);
  });

  it('writes PWM with an analog message on a PWM pin', () => {
    send(0xf4, 3, 3, 0xe3, 0x7f, 0x00);
    expect(arduino.firmata.pin(3)).toMatchObject({ mode: 3, value: 127 });
  });

  it('answers a pin state query with the pull-up of an input', () => {
    send(0xf4, 4, 0x0b, 0xf0, 0x6d, 4, 0xf7);
    expect(sysex(0x6e)).toEqual([0xf0, 0x6e, 4, 0x0b, 1, 0, 0xf7]);
  });

  it('refuses a mode a pin does not have, with a string message', () => {
    send(0xf4, 2, 2);
    expect(sysex(0x71).length).toBeGreaterThan(3);
    expect(arduino.firmata.pin(2)?.mode).toBe(1);
  });

  it('logs the bytes it cannot frame and carries on', () => {
    send(0x12, 0x34, 0xf9);
    expect(logged).toEqual(['firmata board: ignored 0x12 0x34: data bytes outside any message']);
    expect(heard).toEqual([0xf9, 2, 5]);
  });

  it('drives every output low again on a system reset', () => {
    send(0xf4, 13, 1, 0xf5, 13, 1, 0xff);
    expect(arduino.firmata.pin(13)).toMatchObject({ mode: 1, value: 0 });
    expect(arduino.model.airlocks.A.pumpOn).toBe(false);
  });
});
