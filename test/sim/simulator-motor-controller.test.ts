// The simulated serial motor controller: text commands set the door's motor, and each is answered on the wire.
import { describe, expect, it } from 'vitest';
import { atOpenLimit } from '../../sim/physics';
import { bench, bytes, text } from './bench-board';

function controller() {
  const b = bench();
  const answers: string[] = [];
  const port = new b.device.io.Serial({
    transmit: b.device.pin!['airlock A inner door tx'], receive: b.device.pin!['airlock A inner door rx'], baud: 9600, port: 1,
    format: 'buffer', onReadable() { answers.push(text(this.read())); },
  });
  return { ...b, port, answers, door: b.model.airlocks.A.inner };
}

describe('the simulated motor controller', () => {
  it('runs the door open on OPEN and answers OK a few milliseconds later', () => {
    const { clock, port, answers, door } = controller();
    port.write(bytes('OPEN\n'));
    expect(door.motor).toBe(1);
    expect(answers).toEqual([]);
    clock.advance(10);
    expect(answers).toEqual(['OK\n']);
  });

  it('runs the door closed on CLOSE and stops it on STOP', () => {
    const { port, door } = controller();
    port.write(bytes('CLOSE\n'));
    expect(door.motor).toBe(-1);
    port.write(bytes('STOP\n'));
    expect(door.motor).toBe(0);
  });

  it('takes a command split across writes, with or without a carriage return', () => {
    const { port, door } = controller();
    port.write(bytes('OP'));
    expect(door.motor).toBe(0);
    port.write(bytes('EN\r\n').buffer);
    expect(door.motor).toBe(1);
  });

  it('answers ERR to a line it does not know, and leaves the motor alone', () => {
    const { clock, port, answers, door } = controller();
    port.write(bytes('OPEN\nJUMP\nOPEN THE POD BAY DOORS PLEASE\n'));
    clock.advance(20);
    expect(answers.join('')).toBe('OK\nERR\nERR\n');
    expect(door.motor).toBe(1);
  });

  it('opens the door through the physics once commanded', () => {
    const { model, port, door } = controller();
    port.write(bytes('OPEN\n'));
    for (let t = 0; t < 3000; t += 50) model.step(50);
    expect(atOpenLimit(door)).toBe(true);
  });
});
