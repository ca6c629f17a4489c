// Board file validation: the first problem found, in a fixed order, names the file and the field that holds it.
import { deadlinePartsOf, knownSignals, machineIds, signalsOf, type MachineId, type SignalKind } from './signals';
import { describe, fail, got, isObject, onlyFields, quote, type Json } from './check';
import type { Board, Mcu } from './types';

export { BoardError } from './check';

/** How a pin is used, which decides what the chip must offer on it. */
type PinRole = 'input' | 'pulled-up input' | 'output' | 'analog' | 'receive';

interface Check {
  readonly file: string;
  readonly mcu: Mcu;
  /** Pins taken so far, with the field that took them. */
  readonly pins: Map<number, string>;
  /** UART ports taken so far. */
  readonly ports: Map<number, string>;
}

const BOARD_FIELDS = ['name', 'node', 'mcu', 'platform', 'hosts', 'signals', 'deadlines', 'transport'];
// Most microcontrollers' ADCs (ESP32, RP2040): the resolution a pin table that says none is taken to have.
const DEFAULT_ADC_BITS = 12;
const signalField = (name: string) => `signals[${quote(name)}]`;

function integer(check: Check, value: unknown, field: string, what: string, min = 0): number {
  if (value === undefined) fail(check, field, `missing: ${what}`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) got(check, field, `expected ${what} (an integer ≥ ${min})`, value);
  return value;
}

function flag(check: Check, value: Json, key: string, field: string): void {
  if (value[key] !== undefined && typeof value[key] !== 'boolean') got(check, `${field}.${key}`, 'expected true or false', value[key]);
}

/** Takes a pin for one use: it must exist, be free, not be reserved, and be able to do what the use needs. */
function claimPin(check: Check, value: unknown, field: string, role: PinRole, roleField = field): void {
  const { mcu } = check;
  const pin = integer(check, value, field, 'a GPIO number');
  if (!mcu.gpio.includes(pin)) fail(check, field, `pin ${pin} does not exist on ${mcu.name}`);
  const reason = mcu.reserved[String(pin)];
  if (reason !== undefined) fail(check, field, `pin ${pin} is reserved on ${mcu.name} (${reason})`);
  const owner = check.pins.get(pin);
  if (owner !== undefined) fail(check, field, `pin ${pin} is already used by ${owner}`);
  const inputOnly = mcu.inputOnly.includes(pin);
  if (role === 'output' && inputOnly) fail(check, field, `pin ${pin} is input-only on ${mcu.name}: it cannot drive an output`);
  if (role === 'pulled-up input' && inputOnly) {
    fail(check, roleField, `pin ${pin} is input-only on ${mcu.name} and has no internal pull-up: set "pullUp": false and fit an external resistor`);
  }
  if (role === 'analog' && !mcu.adc.includes(pin)) fail(check, field, `pin ${pin} has no usable ADC channel on ${mcu.name} (ADC pins: ${mcu.adc.join(', ')})`);
  check.pins.set(pin, field);
}

function input(check: Check, w: Json, field: string): void {
  onlyFields(check, w, ['pin', 'activeLow', 'pullUp'], field, 'an input (a switch to a GPIO)');
  flag(check, w, 'activeLow', field);
  flag(check, w, 'pullUp', field);
  // Only an explicit `false` spares the pull-up: a switch left without one floats.
  const role = w.pullUp === false ? 'input' : 'pulled-up input';
  claimPin(check, w.pin, `${field}.pin`, role, w.pullUp === undefined ? `${field}.pin` : `${field}.pullUp`);
}

function output(check: Check, w: Json, field: string): void {
  onlyFields(check, w, ['pin', 'activeLow'], field, 'an output (a GPIO driving a relay, MOSFET or LED)');
  flag(check, w, 'activeLow', field);
  claimPin(check, w.pin, `${field}.pin`, 'output');
}

function uart(check: Check, w: Json, field: string, what: string): void {
  onlyFields(check, w, ['wiring', 'tx', 'rx', 'baud', 'port'], field, what);
  claimPin(check, w.tx, `${field}.tx`, 'output');
  claimPin(check, w.rx, `${field}.rx`, 'receive');
  integer(check, w.baud, `${field}.baud`, 'a baud rate', 1);
  if (w.port === undefined) return;
  const port = integer(check, w.port, `${field}.port`, 'a UART number');
  const owner = check.ports.get(port);
  if (owner !== undefined) fail(check, `${field}.port`, `UART ${port} is already used by ${owner}`);
  check.ports.set(port, `${field}.port`);
}

function motor(check: Check, w: Json, field: string): void {
  if (w.wiring === 'dir-enable') {
    onlyFields(check, w, ['wiring', 'dir', 'enable'], field, 'a dir-enable motor (an H-bridge)');
    claimPin(check, w.dir, `${field}.dir`, 'output');
    claimPin(check, w.enable, `${field}.enable`, 'output');
  } else if (w.wiring === 'serial') {
    uart(check, w, field, 'a serial motor controller');
  } else {
    got(check, `${field}.wiring`, 'a motor is wired "dir-enable" (dir, enable) or "serial" (tx, rx, baud)', w.wiring);
  }
}

function calibration(check: Check, c: unknown, field: string): void {
  const shape = 'a calibration: { "raw": [lo, hi], "value": [lo, hi] }';
  if (c === undefined) fail(check, field, `missing: an analog sensor needs ${shape}`);
  if (!isObject(c)) got(check, field, `expected ${shape}`, c);
  onlyFields(check, c, ['raw', 'value'], field, 'a calibration');
  for (const key of ['raw', 'value']) {
    const pair = c[key];
    const ok = Array.isArray(pair) && pair.length === 2 && pair.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!ok) got(check, `${field}.${key}`, 'expected two numbers', pair);
  }
  const raw = c.raw as number[];
  if (raw[0] === raw[1]) fail(check, `${field}.raw`, `the two raw points are equal (${raw[0]}): no line passes through them`);
  // A raw point the ADC cannot produce is a calibration copied from another chip (4095 is 12-bit, 1023 is 10-bit).
  const bits = check.mcu.adcBits ?? DEFAULT_ADC_BITS, top = 2 ** bits - 1;
  for (const r of raw) {
    if (r < 0 || r > top) fail(check, `${field}.raw`, `${r} is beyond the ${bits}-bit ADC of ${check.mcu.name} (counts 0–${top})`);
  }
}

function sensor(check: Check, w: Json, field: string): void {
  if (w.wiring === 'analog') {
    onlyFields(check, w, ['wiring', 'pin', 'calibration'], field, 'an analog sensor');
    claimPin(check, w.pin, `${field}.pin`, 'analog');
    calibration(check, w.calibration, `${field}.calibration`);
  } else if (w.wiring === 'uart') {
    uart(check, w, field, 'a UART sensor');
  } else {
    got(check, `${field}.wiring`, 'a sensor is wired "analog" (pin, calibration) or "uart" (tx, rx, baud)', w.wiring);
  }
}

const wiringOf: { [kind in SignalKind]: (check: Check, w: Json, field: string) => void } = { input, output, motor, sensor };

/** Which machine each machine-owned signal belongs to (indicators belong to none). */
function owners(): Map<string, MachineId> {
  const map = new Map<string, MachineId>();
  for (const m of machineIds) for (const s of signalsOf(m)) map.set(s.name, m);
  return map;
}

function hosts(check: Check, value: unknown): MachineId[] {
  if (!Array.isArray(value)) got(check, 'hosts', 'expected a list of machines', value);
  if (value.length === 0) fail(check, 'hosts', 'empty: a board hosts at least one machine');
  value.forEach((id, i) => {
    if (!machineIds.includes(id as MachineId)) fail(check, `hosts[${i}]`, `unknown machine ${describe(id)} (known: ${machineIds.join(', ')})`);
    if (value.indexOf(id) !== i) fail(check, `hosts[${i}]`, `${quote(id)} is listed twice`);
  });
  return value as MachineId[];
}

function head(board: unknown, mcu: Mcu, file: string): Json {
  const check = { file };
  if (!isObject(board)) got(check, '(top level)', 'expected an object with name, mcu, hosts and signals', board);
  onlyFields(check, board, BOARD_FIELDS, '', 'a board');
  if (typeof board.name !== 'string' || board.name === '') got(check, 'name', "expected the board's name", board.name);
  if (typeof board.mcu !== 'string' || board.mcu === '') got(check, 'mcu', "expected the microcontroller's name", board.mcu);
  if (board.mcu !== mcu.name) fail(check, 'mcu', `the board is for ${quote(board.mcu)}, but was checked against the pin table of ${quote(mcu.name)}`);
  if (board.node !== undefined && (typeof board.node !== 'string' || !/^[a-z0-9-]+$/.test(board.node))) {
    got(check, 'node', 'expected a node name of lowercase letters, digits and dashes', board.node);
  }
  if (board.platform !== undefined && (typeof board.platform !== 'string' || board.platform === '')) {
    got(check, 'platform', 'expected a Moddable platform such as "esp32"', board.platform);
  }
  return board;
}

function deadlines(check: Check, value: unknown, hosted: MachineId[]): void {
  if (!isObject(value)) got(check, 'deadlines', 'expected an object of moving part → ms', value);
  const needed = [...new Set(hosted.flatMap(deadlinePartsOf))];
  for (const part of Object.keys(value)) {
    if (!needed.includes(part)) fail(check, `deadlines[${quote(part)}]`, `not a moving part of this board (parts: ${needed.join(', ') || 'none'})`);
    integer(check, value[part], `deadlines[${quote(part)}]`, 'a deadline in ms', 1);
  }
  for (const part of needed) if (value[part] === undefined) fail(check, `deadlines[${quote(part)}]`, 'missing: every movement needs a deadline');
}

/** Host names as MQTT brokers have them: a DNS name or an IPv4 address, nothing that needs quoting: 1 to 253
 * letters, digits, dots and dashes, beginning and ending with a letter or digit. By hand, not a RegExp: this module
 * is preloaded on a board, and XS cannot safely match a RegExp made at preload (docs/BENCHMARKS.md, "preloading"). */
function isHost(s: string): boolean {
  if (s.length < 1 || s.length > 253) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i), alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && (i === 0 || i === s.length - 1 || (c !== 0x2e && c !== 0x2d))) return false;
  }
  return true;
}

function transport(check: Check, value: unknown, node: unknown): void {
  const field = 'transport';
  if (!isObject(value)) got(check, field, 'expected {"kind": "mqtt", "host", "port"} or {"kind": "serial", "tx", "rx", "baud", "port"}', value);
  if (node === undefined) fail(check, field, 'a board on the bus needs "node": the name the others know it by');
  if (value.heartbeatMs !== undefined) {
    const ms = integer(check, value.heartbeatMs, `${field}.heartbeatMs`, 'the report period in ms', 100);
    if (ms > 60_000) fail(check, `${field}.heartbeatMs`, `expected at most 60000 ms, got ${ms}`);
  }
  if (value.kind === 'mqtt') {
    onlyFields(check, value, ['kind', 'host', 'port', 'heartbeatMs'], field, 'an MQTT link');
    if (typeof value.host !== 'string' || !isHost(value.host)) got(check, `${field}.host`, "expected the broker's host name or IPv4 address", value.host);
    const port = integer(check, value.port, `${field}.port`, "the broker's TCP port", 1);
    if (port > 65535) fail(check, `${field}.port`, `expected a TCP port up to 65535, got ${port}`);
  } else if (value.kind === 'serial') {
    onlyFields(check, value, ['kind', 'tx', 'rx', 'baud', 'port', 'heartbeatMs'], field, 'a serial link');
    const { tx, rx, baud, port } = value;
    // The bus needs a UART of its own: a default would be the one a sensor or motor controller defaults to.
    if (port === undefined) fail(check, `${field}.port`, 'missing: the UART number the bus uses');
    uart(check, { tx, rx, baud, port }, field, 'a serial link');
  } else {
    got(check, `${field}.kind`, 'a node talks over "mqtt" (host, port) or "serial" (tx, rx, baud, port)', value.kind);
  }
}

/** Checks a parsed board file against its chip's pin table; throws a `BoardError` on the first problem. */
export function validateBoard(board: unknown, mcu: Mcu, file: string): Board {
  const b = head(board, mcu, file);
  const check: Check = { file, mcu, pins: new Map(), ports: new Map() };
  const hosted = hosts(check, b.hosts);
  if (!isObject(b.signals)) got(check, 'signals', 'expected an object of signal → wiring', b.signals);
  const specs = knownSignals(), owner = owners(), signals = b.signals as Json;
  for (const name of Object.keys(signals)) {
    const field = signalField(name), spec = specs.get(name), machine = owner.get(name);
    if (!spec) fail(check, field, `unknown signal (see hal/board/signals.ts for the names)`);
    if (machine && !hosted.includes(machine)) fail(check, field, `belongs to ${quote(machine)}, which this board does not host (hosts: ${hosted.join(', ')})`);
    const wiring = signals[name];
    if (!isObject(wiring)) got(check, field, `expected the wiring of ${spec.kind === 'input' ? 'an' : 'a'} ${spec.kind}`, wiring);
    wiringOf[spec.kind](check, wiring, field);
  }
  for (const machine of hosted) {
    for (const s of signalsOf(machine)) {
      if (s.required && signals[s.name] === undefined) fail(check, signalField(s.name), `missing: ${quote(machine)} needs this ${s.kind}`);
    }
  }
  deadlines(check, b.deadlines, hosted);
  if (b.transport !== undefined) transport(check, b.transport, b.node);
  return b as unknown as Board;
}
