// An emulated board's own process (the chip's `mcu` is its argument): the genuine StandardFirmata on avr8js in step
// with wall time, its USART on one end of a pseudo-terminal, its pins reported to and set by the owner over IPC. A
// process of its own, since the chip keeps most of a core busy and must not stall the host it talks to.
import { SerialPort } from 'serialport';
import type { FromChip, ToChip } from './protocol';
import { chipFor } from './chips';
import { AVR_HZ, AvrCore, type ExternalDrive } from './core';
import { standardFirmataHex } from './standard-firmata';

const send = (m: FromChip) => process.send?.(m);
const chip = chipFor(process.argv[2] ?? 'atmega328p');
const hex = standardFirmataHex(chip);
const PINS = chip.pins.length;
const drives: ExternalDrive[] = new Array<ExternalDrive>(PINS).fill(null);
const volts: number[] = [];
/** How far the chip may fall behind wall time in one slice before it simply runs slower (a loaded host). */
const MAX_SLICE_MS = 20;

let core: AvrCore | undefined, port: SerialPort | undefined, timer: ReturnType<typeof setTimeout> | undefined;
let last = 0, sent = '', emulatedMs = 0, wallStart = 0, booting = false;
const tx: number[] = [];

function report(): void {
  const levels: number[] = [];
  for (let pin = 0; pin < PINS; pin++) {
    const v = core?.view(pin);
    levels.push(v && v.output ? v.level : -1);
  }
  const key = levels.join(',');
  if (key !== sent) { sent = key; send({ type: 'pins', levels }); }
}

function slice(): void {
  if (!core) return;
  const now = performance.now();
  const ms = Math.min(now - last, MAX_SLICE_MS);
  last = now;
  core.run(Math.round(ms * (AVR_HZ / 1000)));
  emulatedMs += ms;
  if (tx.length > 0 && port?.isOpen) port.write(Buffer.from(tx.splice(0)));
  if (core.dirty) { core.dirty = false; report(); }
  timer = setTimeout(slice, 1);
}

function powerOn(path: string, bootloaderMs: number): void {
  powerOff('replugged');
  core = AvrCore.fromHex(chip, hex, (b) => tx.push(b));
  drives.forEach((d, pin) => core!.setDrive(pin, d));
  volts.forEach((v, ch) => core!.setVolts(ch, v));
  const p = new SerialPort({ path, baudRate: 57600, autoOpen: false });
  port = p;
  p.open((e) => {
    if (e) { send({ type: 'error', message: `cannot open ${path}: ${e.message}` }); powerOff(`cannot open ${path}`); return; }
    // The pty's other end went away (socat ended): to this board that is the USB cable pulled, power and all.
    p.on('close', () => { if (port === p) powerOff(`${path} closed`); });
    p.on('error', () => {});
    // The bootloader has the UART first: what arrives meanwhile never reaches the sketch.
    p.on('data', (chunk: Buffer) => { if (!booting) core?.receive(chunk); });
    booting = true;
    send({ type: 'powered', on: true, why: `plugged into ${path}` });
    timer = setTimeout(() => {
      booting = false;
      last = wallStart = performance.now();
      emulatedMs = 0;
      slice();
    }, bootloaderMs);
  });
}

function powerOff(why: string): void {
  const wasOn = core !== undefined;
  if (timer) clearTimeout(timer);
  timer = undefined;
  core = undefined;
  tx.length = 0;
  booting = false;
  const p = port;
  port = undefined;
  if (p?.isOpen) p.close(() => {});
  report();
  if (wasOn) {
    send({ type: 'stats', emulatedMs, wallMs: performance.now() - wallStart });
    send({ type: 'powered', on: false, why });
  }
}

process.on('message', (m: ToChip) => {
  if (m.type === 'plug') powerOn(m.path, m.bootloaderMs);
  else if (m.type === 'unplug') powerOff('unplugged');
  else if (m.type === 'drive') { drives[m.pin] = m.drive; core?.setDrive(m.pin, m.drive); }
  else if (m.type === 'volts') { volts[m.channel] = m.volts; core?.setVolts(m.channel, m.volts); }
  else if (m.type === 'exit') { powerOff('exit'); process.disconnect?.(); setTimeout(() => process.exit(0), 50); }
});
// The owner went away: nothing is left to talk to.
process.on('disconnect', () => { powerOff('owner gone'); process.exit(0); });
report();
