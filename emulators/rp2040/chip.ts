// One emulated RP2040 (rp2040js): its image and bootrom loaded, its core run in emulated time, and a host Clock on
// that time, so the physics and the scenario's steps happen at the same emulated instants the firmware sees.
import { ConsoleLogger, LogLevel, Simulator } from 'rp2040js';
import type { Clock, TimerId } from '../../hal/types';
import { FLASH_BASE, placeImage, SRAM_BASE, type PicoImage } from './image';

export interface ChipOptions {
  image: PicoImage;
  /** The 16 KB mask ROM, as 4096 words; without it only an SRAM image can run (it starts at its entry). */
  bootrom?: Uint32Array;
  /** rp2040js's own log (unimplemented registers, USB transfers): errors only, unless asked for more. */
  logLevel?: LogLevel;
}

const SRAM_TOP = 0x20042000;

export class EmulatedChip {
  // The Simulator only for its typed SimulationClock and RP2040: its own run loop (setTimeout) is not used.
  private readonly simulator = new Simulator();
  readonly clock = this.simulator.clock;
  readonly mcu = this.simulator.rp2040;
  /** Cycles the core ran, and wall time spent running it: for the speed report. */
  cycles = 0;
  wallMs = 0;
  /** Host timers on emulated time (physics steps, sensor streams, presses). */
  readonly hostClock: Clock;

  constructor(o: ChipOptions) {
    this.mcu.logger = new ConsoleLogger(o.logLevel ?? LogLevel.Error);
    if (o.bootrom) {
      if (o.bootrom.length !== 4096) throw new Error(`bootrom: ${o.bootrom.length * 4} bytes; the RP2040's is 16384`);
      this.mcu.loadBootrom(o.bootrom); // resets the chip, erasing its flash: so before the image is placed
    }
    const placed = placeImage(o.image, this.mcu);
    if (o.bootrom) {
      // As rp2040js's own runner does: enter the image's second-stage loader at the start of flash; the bootrom
      // stays for what the image calls in it (its function table, flash routines, float library).
      if (placed.flashBytes > 0) this.mcu.core.PC = FLASH_BASE;
    } else {
      if (placed.flashBytes > 0 && placed.sramBytes === 0) {
        throw new Error(`${o.image.file}: a flash image boots through the bootrom: supply one with --bootrom <file>`);
      }
      // No bootrom: start the SRAM program as the bootrom's "run from SRAM" would, stack at the top of SRAM.
      this.mcu.core.SP = SRAM_TOP;
      this.mcu.core.PC = o.image.entry ?? SRAM_BASE;
    }
    this.hostClock = hostClockOn(this.clock);
  }

  /** Emulated time, ms since reset. */
  get nowMs(): number { return this.clock.nanos / 1e6; }

  /** Runs the core, and every host timer due, until emulated time reaches `ms`. */
  runUntil(ms: number): void {
    const target = ms * 1e6, { clock, mcu } = this, core = mcu.core;
    const started = performance.now();
    let cycles = 0;
    while (clock.nanos < target) {
      if (core.waiting) {
        // Asleep (WFI/WFE): jump to the next alarm, which may wake it.
        const next = clock.nanosToNextAlarm;
        clock.tick(next > 0 ? Math.min(next, target - clock.nanos) : target - clock.nanos);
      } else {
        const n = core.executeInstruction();
        cycles += n;
        clock.tick((n * 1e9) / mcu.clkSys);
      }
    }
    this.cycles += cycles;
    this.wallMs += performance.now() - started;
  }

  /** Emulated time over wall time while running, e.g. 0.3. */
  get speed(): number { return this.wallMs > 0 ? this.nowMs / this.wallMs : 0; }
}

/** A hal Clock whose milliseconds are the emulator's: timers fire from inside `runUntil`, between instructions. */
function hostClockOn(clock: Simulator['clock']): Clock {
  const timers = new Map<number, { cancel(): void }>();
  let next = 1;
  return {
    now: () => clock.nanos / 1e6,
    set(callback, ms, repeatMs) {
      const id = next++;
      const alarm = clock.createAlarm(() => {
        if (repeatMs !== undefined && repeatMs > 0) alarm.schedule(repeatMs * 1e6); else timers.delete(id);
        callback();
      });
      alarm.schedule(Math.max(0, ms) * 1e6);
      timers.set(id, alarm);
      return id as TimerId;
    },
    clear(id) {
      const alarm = timers.get(id as number);
      if (alarm) { alarm.cancel(); timers.delete(id as number); }
    },
  };
}
