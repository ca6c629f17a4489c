// The owner's handle on an emulated board (Uno or Mega) running the genuine StandardFirmata in a process of its own
// (chip-process.ts): plug it into a serial path, set what its pins see, and read what it drives, at the chip.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { UNO, type AvrChip } from './chips';
import type { ExternalDrive } from './core';
import type { FromChip, ToChip } from './protocol';

export interface EmulatedChipOptions {
  /** The chip (default the Uno's). */
  chip?: AvrChip;
  log?(line: string): void;
}

export class EmulatedChip extends EventEmitter {
  readonly chip: AvrChip;
  /** Each pin's level as the chip drives it: 0 or 1 for an output, -1 for an input. */
  readonly levels: number[];
  powered = false;
  /** Emulated time against wall time over the last powered stretch: below 1 when the host was too loaded to keep up. */
  speed = 1;
  private readonly child: ChildProcess;
  private exited = false;
  private lastError = '';

  constructor(o: EmulatedChipOptions = {}) {
    super();
    this.chip = o.chip ?? UNO;
    this.levels = new Array<number>(this.chip.pins.length).fill(-1);
    const entry = fileURLToPath(new URL('./chip-process.ts', import.meta.url));
    this.child = fork(entry, [this.chip.mcu], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    this.child.stderr!.on('data', (b: Buffer) => { this.lastError = b.toString().trim().split('\n').slice(-3).join(' '); o.log?.(`emulated ${this.chip.board}: ${b.toString().trim()}`); });
    this.child.on('message', (m: FromChip) => this.hear(m));
    this.child.on('exit', (code) => { this.exited = true; this.powered = false; this.emit('exit', code); });
  }

  /**
   * Power on, joined to `path`: resolves once the port is open. The bootloader then waits `bootloaderMs` (default
   * 1000, as Optiboot after the reset an Arduino's port opening causes) before StandardFirmata starts and blinks its version.
   */
  plug(path: string, bootloaderMs = 1000, timeoutMs = 120_000): Promise<void> {
    return this.until(true, { type: 'plug', path, bootloaderMs }, timeoutMs);
  }

  /** Power off: the chip stops and lets go of every pin. */
  unplug(timeoutMs = 10_000): Promise<void> { return this.until(false, { type: 'unplug' }, timeoutMs); }

  /** What is outside a digital pin: a switch to ground (0), to 5 V (1), or nothing (null). */
  drive(pin: number, drive: ExternalDrive): void { this.post({ type: 'drive', pin, drive }); }

  /** An analog channel's voltage (A0 is channel 0). */
  volts(channel: number, volts: number): void { this.post({ type: 'volts', channel, volts }); }

  /** Ends the process. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.post({ type: 'exit' });
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(kill);
  }

  private post(m: ToChip): void { if (!this.exited && this.child.connected) this.child.send(m); }

  private hear(m: FromChip): void {
    if (m.type === 'pins') { m.levels.forEach((l, pin) => { this.levels[pin] = l; }); this.emit('pins', this.levels); }
    else if (m.type === 'powered') { this.powered = m.on; this.emit('powered', m.on, m.why); }
    else if (m.type === 'stats') this.speed = m.wallMs > 0 ? m.emulatedMs / m.wallMs : 1;
    else if (m.type === 'error') this.emit('failure', m.message);
  }

  private until(on: boolean, m: ToChip, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.off('powered', heard); this.off('failure', failed); this.off('exit', died);
        if (err) reject(err); else resolve();
      };
      const heard = (now: boolean) => { if (now === on) done(); };
      const failed = (message: string) => done(new Error(`emulated ${this.chip.board}: ${message}`));
      const died = () => done(new Error(`emulated ${this.chip.board}: its process ended (${this.lastError || 'no message'})`));
      const timer = setTimeout(() => done(new Error(`emulated ${this.chip.board}: not powered ${on ? 'on' : 'off'} within ${timeoutMs / 1000} s`)), timeoutMs);
      this.on('powered', heard); this.on('failure', failed); this.once('exit', died);
      if (this.powered === on && m.type === 'unplug') { done(); return; }
      this.post(m);
    });
  }
}
