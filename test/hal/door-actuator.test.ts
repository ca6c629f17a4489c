import { beforeEach, describe, expect, it } from 'vitest';
import type { DirEnableMotor, InputWiring, SerialMotor } from '../../firmware/board/types';
import { DoorActuator } from '../../hal/drivers';
import { createFakeDevice, type FakeDevice } from './fake-device';

// Limit switches to ground with pull-ups: a pin reads low while the door is at that limit.
const OPEN_LIMIT = 34, CLOSED_LIMIT = 35;
const openLimit: InputWiring = { pin: OPEN_LIMIT, activeLow: true, pullUp: true };
const closedLimit: InputWiring = { pin: CLOSED_LIMIT, activeLow: true, pullUp: true };
const DIR = 26, ENABLE = 27;
const hBridge: DirEnableMotor = { wiring: 'dir-enable', dir: DIR, enable: ENABLE };
const TX = 17, RX = 16;
const serialMotor: SerialMotor = { wiring: 'serial', tx: TX, rx: RX, baud: 9600 };

describe('DoorActuator', () => {
  let device: FakeDevice;
  beforeEach(() => { device = createFakeDevice(); });
  const door = (motor: DirEnableMotor | SerialMotor = hBridge, onLimit?: (which: 'open' | 'closed') => void) =>
    new DoorActuator({ device, motor, openLimit, closedLimit, onLimit });
  const at = (pin: number, here: boolean) => device.setLevel(pin, here ? 0 : 1);
  const motorPins = () => ({ dir: device.level(DIR), enable: device.level(ENABLE) });

  describe('limits', () => {
    it('reports the door open when the open limit trips', () => {
      const d = door();
      at(OPEN_LIMIT, true);
      expect([d.isOpen, d.isClosed]).toEqual([true, false]);
    });

    it('reports the door closed when the closed limit trips', () => {
      const d = door();
      at(CLOSED_LIMIT, true);
      expect([d.isOpen, d.isClosed]).toEqual([false, true]);
    });

    it('reports neither between the limits', () => {
      const d = door();
      expect([d.isOpen, d.isClosed, d.limitsContradict]).toEqual([false, false, false]);
    });

    it('flags both limits at once as a contradiction', () => {
      const d = door();
      at(OPEN_LIMIT, true);
      at(CLOSED_LIMIT, true);
      expect(d.limitsContradict).toBe(true);
    });

    it('tells which limit the door arrived at', () => {
      const arrivals: string[] = [];
      door(hBridge, (which) => arrivals.push(which));
      at(CLOSED_LIMIT, true); at(CLOSED_LIMIT, false); at(OPEN_LIMIT, true);
      expect(arrivals).toEqual(['closed', 'open']);
    });
  });

  describe('on an H-bridge', () => {
    it('starts with the motor stopped', () => {
      const d = door();
      expect(d.command).toBe('stop');
      expect(motorPins().enable).toBe(0);
    });

    it('opens with dir high and enable high', () => {
      const d = door();
      d.drive('open');
      expect(d.command).toBe('open');
      expect(motorPins()).toEqual({ dir: 1, enable: 1 });
    });

    it('closes with dir low and enable high', () => {
      door().drive('close');
      expect(motorPins()).toEqual({ dir: 0, enable: 1 });
    });

    it('stops with enable low', () => {
      const d = door();
      d.drive('open');
      d.drive('stop');
      expect(motorPins().enable).toBe(0);
    });

    it('cuts the power before reversing', () => {
      const d = door();
      d.drive('open');
      const before = device.writes(ENABLE).length;
      d.drive('close');
      expect(device.writes(ENABLE).slice(before)).toEqual([0, 1]);
      expect(motorPins()).toEqual({ dir: 0, enable: 1 });
    });

    it('writes nothing when the same command is sent again', () => {
      const d = door();
      d.drive('open');
      const writes = [device.writes(DIR).length, device.writes(ENABLE).length];
      d.drive('open');
      expect([device.writes(DIR).length, device.writes(ENABLE).length]).toEqual(writes);
    });

    it('stops the motor when the door reaches the limit it runs to', () => {
      const d = door();
      d.drive('open');
      at(OPEN_LIMIT, true);
      expect(d.command).toBe('stop');
      expect(motorPins().enable).toBe(0);
    });

    it('does not run toward a limit the door is already at', () => {
      const d = door();
      at(CLOSED_LIMIT, true);
      d.drive('close');
      expect(d.command).toBe('stop');
      expect(motorPins().enable).toBe(0);
    });

    it('runs away from the limit the door is at', () => {
      const d = door();
      at(CLOSED_LIMIT, true);
      d.drive('open');
      expect(motorPins()).toEqual({ dir: 1, enable: 1 });
    });

    it('stops the motor and frees its pins when closed', () => {
      const d = door();
      d.drive('close');
      d.close();
      expect(device.level(ENABLE)).toBe(0);
      expect([DIR, ENABLE, OPEN_LIMIT, CLOSED_LIMIT].map((p) => device.isOpen(p))).toEqual([false, false, false, false]);
    });
  });

  describe('on a serial motor controller', () => {
    it('opens its UART with the board pins and baud, in buffer format', () => {
      door(serialMotor);
      expect(device.serialOptions(TX)).toMatchObject({ transmit: TX, receive: RX, baud: 9600, format: 'buffer' });
    });

    it('says STOP at start-up, since the controller may still run the last command', () => {
      door(serialMotor);
      expect(device.written(TX)).toBe('STOP\n');
    });

    it('sends exactly OPEN, CLOSE and STOP lines', () => {
      const d = door(serialMotor);
      d.drive('open'); d.drive('close'); d.drive('stop');
      expect(device.written(TX)).toBe('STOP\nOPEN\nCLOSE\nSTOP\n');
    });

    it('sends nothing when the same command is sent again', () => {
      const d = door(serialMotor);
      d.drive('close'); d.drive('close');
      expect(device.written(TX)).toBe('STOP\nCLOSE\n');
    });

    it('ignores the controller answers', () => {
      const d = door(serialMotor);
      d.drive('open');
      expect(() => device.receive(RX, 'OK\r\n')).not.toThrow();
      expect(d.command).toBe('open');
    });

    it('sends STOP when the door reaches the limit it runs to', () => {
      const d = door(serialMotor);
      d.drive('close');
      at(CLOSED_LIMIT, true);
      expect(device.written(TX)).toBe('STOP\nCLOSE\nSTOP\n');
    });

    it('passes the UART port on when the board names one', () => {
      door({ ...serialMotor, port: 2 });
      expect(device.serialOptions(TX).port).toBe(2);
    });
  });
});
