import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoardError, validateBoard, type Mcu } from '../../firmware/board';
import { validateMcu } from '../../boards/validate-mcu';

const FILE = 'boards/esp32-devkitc.json';
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const esp32: Mcu = json('boards/mcu/esp32.json');
const sim: Mcu = json('boards/mcu/sim.json');

/** The shipped DevKitC board, changed by `edit`, validated: the error it raises. */
function errorOf(edit: (board: any) => void, mcu = esp32, file = FILE): BoardError {
  const board = json(file);
  edit(board);
  try {
    validateBoard(board, mcu, file);
  } catch (e) {
    if (e instanceof BoardError) return e;
    throw e;
  }
  throw new Error('the board validated');
}

const A = (s: string) => `airlock A ${s}`;

describe('validateBoard', () => {
  it('returns a valid board as it is', () => {
    const board = json(FILE);
    expect(validateBoard(board, esp32, FILE)).toBe(board);
  });

  it('names the file and the field of a reserved pin, with the reason', () => {
    const e = errorOf((b) => { b.signals[A('pump')].pin = 6; });
    expect(e.message).toBe('boards/esp32-devkitc.json: signals["airlock A pump"].pin: pin 6 is reserved on esp32 (SPI flash)');
    expect(e).toMatchObject({ file: FILE, field: 'signals["airlock A pump"].pin' });
  });

  it('refuses a board that is not an object', () => {
    expect(() => validateBoard([], esp32, FILE)).toThrow('boards/esp32-devkitc.json: (top level): expected an object');
  });

  it.each(['name', 'mcu', 'hosts', 'signals'])('names a missing %s', (field) => {
    const e = errorOf((b) => { delete b[field]; });
    expect(e.field).toBe(field);
    expect(e.message).toMatch(new RegExp(`^boards/esp32-devkitc\\.json: ${field}: `));
  });

  it('names a misspelt top-level field', () => {
    expect(errorOf((b) => { b.signal = b.signals; }).field).toBe('signal');
  });

  it('refuses a board checked against another chip', () => {
    expect(errorOf(() => {}, sim).message).toContain('mcu: the board is for "esp32", but was checked against the pin table of "sim"');
  });

  it('names an unknown hosted machine by its place in hosts', () => {
    const e = errorOf((b) => { b.hosts.push('airlock E'); });
    expect(e.field).toBe('hosts[1]');
    expect(e.message).toContain('unknown machine "airlock E"');
  });

  it('refuses a machine hosted twice', () => {
    expect(errorOf((b) => { b.hosts.push('airlock A'); }).message).toContain('hosts[1]: "airlock A" is listed twice');
  });

  it('names an unknown signal', () => {
    const e = errorOf((b) => { b.signals['airlock A pumpp'] = { pin: 4 }; });
    expect(e.message).toBe('boards/esp32-devkitc.json: signals["airlock A pumpp"]: unknown signal (see hal/board/signals.ts for the names)');
  });

  it('refuses a signal of a machine the board does not host', () => {
    const e = errorOf((b) => { b.signals['airlock B pump'] = { pin: 4 }; });
    expect(e.message).toContain('signals["airlock B pump"]: belongs to "airlock B", which this board does not host');
  });

  it('refuses an input wired like a sensor', () => {
    const e = errorOf((b) => { b.signals[A('button 4')] = { wiring: 'analog', pin: 32, calibration: { raw: [0, 1], value: [0, 1] } }; });
    expect(e.field).toBe('signals["airlock A button 4"].wiring');
    expect(e.message).toContain('unexpected field for an input');
  });

  it('refuses an analog sensor without a calibration', () => {
    const e = errorOf((b) => { delete b.signals[A('chamber pressure')].calibration; });
    expect(e.field).toBe('signals["airlock A chamber pressure"].calibration');
    expect(e.message).toContain('missing: an analog sensor needs a calibration');
  });

  it('refuses a calibration whose two raw points are equal', () => {
    const e = errorOf((b) => { b.signals[A('chamber pressure')].calibration.raw = [100, 100]; });
    expect(e.field).toBe('signals["airlock A chamber pressure"].calibration.raw');
  });

  it('refuses a dir-enable motor without its enable pin', () => {
    const e = errorOf((b) => { delete b.signals[A('outer door')].enable; });
    expect(e.message).toContain('signals["airlock A outer door"].enable: missing: a GPIO number');
  });

  it('refuses a motor that is neither dir-enable nor serial', () => {
    const e = errorOf((b) => { b.signals[A('outer door')] = { pin: 16 }; });
    expect(e.field).toBe('signals["airlock A outer door"].wiring');
    expect(e.message).toContain('a motor is wired "dir-enable" (dir, enable) or "serial" (tx, rx, baud)');
  });

  it('refuses a serial motor controller without a baud rate', () => {
    const e = errorOf((b) => { b.signals[A('outer door')] = { wiring: 'serial', tx: 16, rx: 17 }; });
    expect(e.field).toBe('signals["airlock A outer door"].baud');
  });

  it('names both signals that share a pin', () => {
    const e = errorOf((b) => { b.signals[A('vent')].pin = 25; });
    expect(e.message).toBe('boards/esp32-devkitc.json: signals["airlock A vent"].pin: pin 25 is already used by signals["airlock A pump"].pin');
  });

  it('refuses a pin the chip does not have', () => {
    expect(errorOf((b) => { b.signals[A('pump')].pin = 40; }).message).toContain('signals["airlock A pump"].pin: pin 40 does not exist on esp32');
  });

  it('refuses an output on an input-only pin', () => {
    const e = errorOf((b) => { b.signals[A('button 1')].pin = 4; b.signals[A('pump')].pin = 34; });
    expect(e.message).toContain('signals["airlock A pump"].pin: pin 34 is input-only on esp32: it cannot drive an output');
  });

  it('refuses a pull-up asked for on an input-only pin, naming the pullUp field', () => {
    const e = errorOf((b) => { b.signals[A('button 1')].pullUp = true; });
    expect(e.field).toBe('signals["airlock A button 1"].pullUp');
    expect(e.message).toContain('pin 34 is input-only on esp32 and has no internal pull-up: set "pullUp": false');
  });

  it('refuses an input-only pin for a switch that does not say it has an external pull-up', () => {
    const e = errorOf((b) => { delete b.signals[A('button 1')].pullUp; });
    expect(e.field).toBe('signals["airlock A button 1"].pin');
  });

  it('refuses an analog sensor on a pin without a usable ADC channel', () => {
    const e = errorOf((b) => { b.signals[A('chamber pressure')].pin = 4; });
    expect(e.message).toContain('signals["airlock A chamber pressure"].pin: pin 4 has no usable ADC channel on esp32');
  });

  it('names the hosted machine and the required signal it lacks', () => {
    const e = errorOf((b) => { delete b.signals[A('pump')]; });
    expect(e.message).toBe('boards/esp32-devkitc.json: signals["airlock A pump"]: missing: "airlock A" needs this output');
  });

  it('refuses two UART devices on the same port', () => {
    const e = errorOf((b) => { b.signals['bay pressure'].port = 1; }, sim, 'boards/sim.json');
    expect(e.message).toContain('signals["bay pressure"].port: UART 1 is already used by signals["bay door"].port');
  });

  it('reports the first problem in file order', () => {
    const e = errorOf((b) => { b.signals[A('button 4')].pin = 6; b.signals[A('pump')].pin = 7; });
    expect(e.field).toBe('signals["airlock A button 4"].pin');
  });
});

describe('validateMcu', () => {
  it('accepts the shipped pin tables', () => {
    for (const name of ['esp32', 'rp2040', 'sim']) expect(validateMcu(json(`boards/mcu/${name}.json`), `boards/mcu/${name}.json`).name).toBe(name);
  });

  it('refuses a reserved pin the chip does not have', () => {
    const table = { ...esp32, reserved: { ...esp32.reserved, 40: 'nothing' } };
    expect(() => validateMcu(table, 'boards/mcu/esp32.json')).toThrow('boards/mcu/esp32.json: reserved["40"]: pin 40 is not in gpio');
  });

  describe('transport: how a node joins the bus', () => {
    const node = (transport: unknown) => (b: any) => { b.node = 'airlock-a'; b.transport = transport; };
    const valid = (transport: unknown) => { const b = json(FILE); node(transport)(b); return validateBoard(b, esp32, FILE); };

    it('takes an MQTT broker or a UART of its own', () => {
      expect(valid({ kind: 'mqtt', host: 'broker.local', port: 1883 }).transport).toEqual({ kind: 'mqtt', host: 'broker.local', port: 1883 });
      expect(valid({ kind: 'serial', tx: 4, rx: 33, baud: 115200, port: 2, heartbeatMs: 500 }).transport?.kind).toBe('serial');
    });

    it('needs the node name the others know it by', () => {
      const e = errorOf((b) => { b.transport = { kind: 'mqtt', host: 'h', port: 1 }; });
      expect(e.message).toBe(`${FILE}: transport: a board on the bus needs "node": the name the others know it by`);
    });

    it.each([
      ['an unknown kind', { kind: 'wifi' }, 'transport.kind', /"mqtt" \(host, port\) or "serial"/],
      ['a host with a space', { kind: 'mqtt', host: 'a b', port: 1883 }, 'transport.host', /host name or IPv4 address/],
      ['a port past 65535', { kind: 'mqtt', host: 'h', port: 70000 }, 'transport.port', /up to 65535/],
      ['a missing port', { kind: 'mqtt', host: 'h' }, 'transport.port', /missing/],
      ['a misspelt field', { kind: 'mqtt', host: 'h', port: 1, hots: 'x' }, 'transport.hots', /unexpected field for an MQTT link/],
      ['a heartbeat under 100 ms', { kind: 'mqtt', host: 'h', port: 1, heartbeatMs: 10 }, 'transport.heartbeatMs', /integer ≥ 100/],
      ['a serial link without its UART', { kind: 'serial', tx: 4, rx: 33, baud: 115200 }, 'transport.port', /the UART number the bus uses/],
      ['a serial link on a pin a signal uses', { kind: 'serial', tx: 25, rx: 33, baud: 115200, port: 2 }, 'transport.tx', /pin 25 is already used by signals\["airlock A pump"\]\.pin/],
      ['a serial link on a reserved pin', { kind: 'serial', tx: 4, rx: 6, baud: 115200, port: 2 }, 'transport.rx', /reserved/],
    ])('names %s', (_what, transport, field, message) => {
      const e = errorOf(node(transport));
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    });
  });
});
