// The emulator harness with nothing from outside: our own Thumb programs in SRAM, no bootrom, the pico board's
// wiring to the physics. Inputs move the program's outputs, outputs move the physics, sensors reach UART and ADC.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { SRAM_BASE, type PicoImage } from '../../emulators/rp2040/image';
import { BootError, createEmulatedWorld, type EmulatedWorld } from '../../emulators/rp2040/world';
import { listen, mirror } from './programs';

const pico = loadBoard('pico');
const inSram = (name: string, hex: string): PicoImage => ({ file: name, format: 'hex', segments: [{ address: SRAM_BASE, bytes: Buffer.from(hex, 'hex') }], entry: SRAM_BASE });
let world: EmulatedWorld | undefined;
const run = (image: PicoImage, physics = {}) => (world = createEmulatedWorld({ board: pico, image, awaitController: false, physics }));
afterEach(() => { world?.stop(); world = undefined; });

describe('the harness on a program that mirrors inputs to outputs', () => {
  it('drives the released level of pulled-up buttons and limits, since rp2040js models no pull-ups', () => {
    const w = run(inSram('mirror', mirror.code));
    w.advance(60);
    // The level at the pad (GPIO STATUS.INFROMPAD), whatever the program did with the pad's input enable.
    const pad = (pin: number) => (w.chip.mcu.gpio[pin].status >> 17) & 1;
    for (const pin of [8, 16, 17, 18]) expect(pad(pin), `GPIO ${pin}`).toBe(1);
    expect(pad(9)).toBe(0); // door E rests closed: its closed limit is tripped (low)
    expect(w.model.bay.pumpOn).toBe(false);
    expect(w.model.bayDoor.motor).toBe(0);
  });

  it('runs the bay pump while the deck active request button is held, and stops it on release', () => {
    const w = run(inSram('mirror', mirror.code));
    w.advance(50);
    w.press('deck active request', 200);
    w.advance(100);
    expect(w.model.bay.pumpOn).toBe(true);
    w.advance(200);
    expect(w.model.bay.pumpOn).toBe(false);
  });

  it("moves door E through its H-bridge, and reads the open limit back as the beeper's input", () => {
    const w = run(inSram('mirror', mirror.code), { constants: { bayDoorTravelMs: 200 } });
    w.advance(50);
    w.press('deck ready request', 500);
    w.advance(100);
    expect(w.model.bayDoor.motor).toBe(1);
    expect(w.model.bayDoor.position).toBeGreaterThan(0.1);
    expect(w.model.outputs.beeper).toBe(false);
    w.advance(250);
    expect(w.model.bayDoor.position).toBe(1);
    expect(w.model.outputs.beeper).toBe(true);
    w.advance(250);
    expect(w.model.bayDoor.motor).toBe(0);
  });

  it('runs the physics on the emulated clock', () => {
    const w = run(inSram('mirror', mirror.code));
    w.advance(234);
    expect(w.chip.nowMs).toBeCloseTo(234, 3);
    expect(w.model.elapsedMs).toBe(200);
  });
});

describe('the harness on a program that listens to the UART and the ADC', () => {
  it("streams the bay pressure sensor's lines into UART1 (GPIO 4/5)", () => {
    const w = run(inSram('listen', listen.code));
    w.advance(250);
    const sram = w.chip.mcu.sram, count = sram[0xffc];
    const text = Buffer.from(sram.subarray(0x1000, 0x1000 + count)).toString('latin1');
    expect(text).toMatch(/^(P 10\d\.\d\r\n){2}$/);
  });

  it('converts the bay temperature through the board calibration on ADC channel 0 (GPIO 26)', () => {
    const w = run(inSram('listen', listen.code));
    w.model.sensorFaults['bay temperature'] = { kind: 'stuck', value: 25 };
    w.advance(50);
    expect(w.chip.mcu.sramView.getUint32(0xff8, true)).toBe(Math.round((75 / 100) * 4095));
  });
});

describe('an image that never reports', () => {
  it('is a boot error that says its USB never connected and what a release build needs', () => {
    const boot = () => createEmulatedWorld({ board: pico, image: inSram('mirror', mirror.code), bootTimeoutMs: 100 });
    expect(boot).toThrow(BootError);
    expect(boot).toThrow(/did not start its controller within 0\.1 s of emulated time: its USB never connected \(a release build needs "defines": \{"pico": \{"usb": 1\}\}/);
  });
});

describe('the programs are what the assembler makes of their source', () => {
  const as = (() => { try { execFileSync('arm-none-eabi-as', ['--version']); return true; } catch { return false; } })();
  it.skipIf(!as)('assembles both with binutils-arm-none-eabi (skipped when arm-none-eabi-as is not installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'thumb-'));
    for (const [name, p] of Object.entries({ mirror, listen })) {
      writeFileSync(join(dir, `${name}.s`), p.source);
      execFileSync('arm-none-eabi-as', ['-o', join(dir, `${name}.o`), join(dir, `${name}.s`)]);
      execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', join(dir, `${name}.o`), join(dir, `${name}.bin`)]);
      expect(readFileSync(join(dir, `${name}.bin`)).toString('hex'), name).toBe(p.code);
    }
  });
});
