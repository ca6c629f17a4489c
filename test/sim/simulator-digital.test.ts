// The simulator's Digital pins: buttons and limit switches with the board's inversion, edges on scan, outputs into the model.
import { describe, expect, it } from 'vitest';
import type { Digital } from '../../hal/types';
import { bench } from './bench-board';

describe('the simulator provider, digital inputs', () => {
  it('reads an active-low button as 0 while pressed and 1 while released', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const button = new Digital({ pin: device.pin!['airlock A button 1'], mode: Digital.InputPullUp });
    expect(button.read()).toBe(1);
    model.buttons['airlock A button 1'] = true;
    expect(button.read()).toBe(0);
  });

  it('reads an active-high button as 1 while pressed', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const button = new Digital({ pin: 2, mode: Digital.Input });
    model.buttons['airlock A button 2'] = true;
    expect(button.read()).toBe(1);
  });

  it('calls onReadable on the instance at the falling edge of an active-low press', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const calls: Digital[] = [];
    const button = new Digital({ pin: 1, mode: Digital.InputPullUp, edge: Digital.Falling, onReadable() { calls.push(this); } });
    model.buttons['airlock A button 1'] = true;
    device.scan();
    expect(calls).toEqual([button]);
  });

  it('calls onReadable only on the configured edges', () => {
    const { model, device } = bench(), { Digital } = device.io;
    let calls = 0;
    new Digital({ pin: 1, mode: Digital.InputPullUp, edge: Digital.Rising, onReadable() { calls++; } });
    model.buttons['airlock A button 1'] = true;
    device.scan();
    expect(calls).toBe(0);
    model.buttons['airlock A button 1'] = false;
    device.scan();
    expect(calls).toBe(1);
  });

  it('calls onReadable once per change, not once per scan', () => {
    const { model, device } = bench(), { Digital } = device.io;
    let calls = 0;
    new Digital({ pin: 2, mode: Digital.Input, edge: Digital.Rising | Digital.Falling, onReadable() { calls++; } });
    model.buttons['airlock A button 2'] = true;
    device.scan();
    device.scan();
    device.scan();
    expect(calls).toBe(1);
  });

  it('trips an active-low open limit switch when the door reaches its open end', () => {
    const { model, device } = bench(), { Digital } = device.io;
    let edges = 0;
    const limit = new Digital({ pin: 5, mode: Digital.InputPullUp, edge: Digital.Falling, onReadable() { edges++; } });
    model.airlocks.A.outer.motor = 1;
    for (let t = 0; t < 3000; t += 50) { model.step(50); device.scan(); }
    expect(limit.read()).toBe(0);
    expect(edges).toBe(1);
  });

  it('reads the closed limit while the door is closed, and not once it moves', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const limit = new Digital({ pin: 6, mode: Digital.Input });
    expect(limit.read()).toBe(1);
    model.airlocks.A.outer.position = 0.5;
    expect(limit.read()).toBe(0);
  });

  it('gives a closed input no more edges, and lets the pin be opened again', () => {
    const { model, device } = bench(), { Digital } = device.io;
    let calls = 0;
    const first = new Digital({ pin: 2, mode: Digital.Input, edge: Digital.Rising, onReadable() { calls++; } });
    first.close();
    model.buttons['airlock A button 2'] = true;
    device.scan();
    expect(calls).toBe(0);
    expect(new Digital({ pin: 2, mode: Digital.Input }).read()).toBe(1);
  });
});

describe('the simulator provider, digital outputs', () => {
  it('runs a dir-enable door motor open with dir and enable high', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const dir = new Digital({ pin: device.pin!['airlock A outer door dir'], mode: Digital.Output });
    const enable = new Digital({ pin: device.pin!['airlock A outer door enable'], mode: Digital.Output });
    dir.write(1);
    expect(model.airlocks.A.outer.motor).toBe(0);
    enable.write(1);
    expect(model.airlocks.A.outer.motor).toBe(1);
  });

  it('runs a dir-enable door motor closed with dir low, and stops it with enable low', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const dir = new Digital({ pin: 3, mode: Digital.Output }), enable = new Digital({ pin: 4, mode: Digital.Output });
    dir.write(0);
    enable.write(1);
    expect(model.airlocks.A.outer.motor).toBe(-1);
    enable.write(0);
    expect(model.airlocks.A.outer.motor).toBe(0);
  });

  it('switches an active-high pump on with a high level', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const pump = new Digital({ pin: 10, mode: Digital.Output });
    pump.write(1);
    expect(model.airlocks.A.pumpOn).toBe(true);
    pump.write(0);
    expect(model.airlocks.A.pumpOn).toBe(false);
  });

  it('switches an active-low vent valve on with a low level', () => {
    const { model, device } = bench(), { Digital } = device.io;
    const vent = new Digital({ pin: 11, mode: Digital.Output });
    vent.write(1);
    expect(model.airlocks.A.ventOn).toBe(false);
    vent.write(0);
    expect(model.airlocks.A.ventOn).toBe(true);
  });

  it('switches the heater and the klaxon', () => {
    const { model, device } = bench(), { Digital } = device.io;
    new Digital({ pin: 14, mode: Digital.Output }).write(1);
    new Digital({ pin: 15, mode: Digital.Output }).write(1);
    expect(model.bay.heaterOn).toBe(true);
    expect(model.outputs.klaxon).toBe(true);
  });

  it('leaves the part as it was until the output is first written', () => {
    const { model, device } = bench({ airlocks: { A: { ventOn: true } } }), { Digital } = device.io;
    const vent = new Digital({ pin: 11, mode: Digital.Output });
    expect(model.airlocks.A.ventOn).toBe(true);
    vent.write(1);
    expect(model.airlocks.A.ventOn).toBe(false);
  });
});

describe('the simulator provider, pins', () => {
  it('names every signal\'s pin, and both pins of a dir-enable motor and of a UART', () => {
    const { device } = bench();
    expect(device.pin).toMatchObject({
      'airlock A button 1': 1, 'airlock A outer door dir': 3, 'airlock A outer door enable': 4,
      'airlock A chamber pressure': 34, 'bay pressure tx': 12, 'bay pressure rx': 13, klaxon: 15,
    });
  });

  it('refuses a pin the board does not wire, naming the pin and the board', () => {
    const { device } = bench(), { Digital } = device.io;
    expect(() => new Digital({ pin: 99, mode: Digital.Input })).toThrow(/board "test bench".*pin 99/);
  });

  it('refuses an input opened as an output, naming the pin and its signal', () => {
    const { device } = bench(), { Digital } = device.io;
    expect(() => new Digital({ pin: 1, mode: Digital.Output })).toThrow(/pin 1 \(airlock A button 1\).*output on an input/);
  });

  it('refuses an output opened as an input', () => {
    const { device } = bench(), { Digital } = device.io;
    expect(() => new Digital({ pin: 10, mode: Digital.Input })).toThrow(/pin 10 \(airlock A pump\).*input on an output/);
  });

  it('refuses an analog sensor pin opened as a Digital', () => {
    const { device } = bench(), { Digital } = device.io;
    expect(() => new Digital({ pin: 34, mode: Digital.Input })).toThrow(/pin 34 \(airlock A chamber pressure\)/);
  });

  it('refuses a pin that is already open', () => {
    const { device } = bench(), { Digital } = device.io;
    new Digital({ pin: 10, mode: Digital.Output });
    expect(() => new Digital({ pin: 10, mode: Digital.Output })).toThrow(/pin 10.*already open/);
  });

  it('refuses a board that names a signal the launch bay does not have', () => {
    const board = { name: 'odd', mcu: 'sim', hosts: [], signals: { 'airlock E button 1': { pin: 1 } } };
    expect(() => bench({}, board)).toThrow(/board "odd".*airlock E button 1/);
  });

  it('refuses a board that wires one pin twice', () => {
    const board = { name: 'crossed', mcu: 'sim', hosts: [], signals: { 'beeper': { pin: 4 }, 'klaxon': { pin: 4 } } };
    expect(() => bench({}, board)).toThrow(/board "crossed".*pin 4.*beeper.*klaxon/);
  });
});
