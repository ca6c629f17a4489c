// What sits at the far end of a simulated UART: a door's motor controller taking text commands, or a sensor streaming readings.
import type { Door, LaunchBayModel } from '../physics';
import type { Clock, TimerId } from '../../hal/types';
import { ascii, formatReading } from './ascii';
import { sense, type Quantity } from './bindings';

export interface FarEnd {
  /** A byte the MCU transmitted. */
  receive(byte: number): void;
  close(): void;
}

type Deliver = (bytes: Uint8Array, length: number) => void;

const LF = 0x0a, CR = 0x0d;
const OK = ascii('OK\n'), ERR = ascii('ERR\n');
const OPEN = ascii('OPEN'), CLOSE = ascii('CLOSE'), STOP = ascii('STOP');
// Longer than any command; a longer line is garbage and answered ERR.
const LINE_CAPACITY = 16;

/** A motor controller: `OPEN`, `CLOSE`, `STOP` lines set the door's motor at once; the `OK` takes its time on the wire. */
export class MotorController implements FarEnd {
  private readonly line = new Uint8Array(LINE_CAPACITY);
  private length = 0;
  private overflow = false;
  private readonly replies = new Uint8Array(64);
  private pending = 0;
  private timer: TimerId = undefined;
  private readonly flush: () => void;

  constructor(private readonly door: Door, private readonly clock: Clock, private readonly baud: number, deliver: Deliver) {
    this.flush = () => {
      this.timer = undefined;
      const n = this.pending;
      this.pending = 0;
      deliver(this.replies, n);
    };
  }

  receive(byte: number): void {
    if (byte === CR) return;
    if (byte !== LF) {
      if (this.length < LINE_CAPACITY) this.line[this.length++] = byte;
      else this.overflow = true;
      return;
    }
    const known = !this.overflow && this.command();
    this.length = 0;
    this.overflow = false;
    this.reply(known ? OK : ERR);
  }

  close(): void {
    if (this.timer !== undefined) this.clock.clear(this.timer);
    this.timer = undefined;
  }

  private command(): boolean {
    if (this.is(OPEN)) this.door.motor = 1;
    else if (this.is(CLOSE)) this.door.motor = -1;
    else if (this.is(STOP)) this.door.motor = 0;
    else return false;
    return true;
  }

  private is(word: Uint8Array): boolean {
    if (this.length !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.line[i] !== word[i]) return false;
    return true;
  }

  // Ten bits a byte on the wire: the answer arrives when its last byte would have.
  private reply(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.pending < this.replies.length; i++) this.replies[this.pending++] = bytes[i];
    if (this.timer !== undefined) return;
    this.timer = this.clock.set(this.flush, Math.max(1, Math.ceil((this.pending * 10_000) / this.baud)));
  }
}

// A reading every 100 ms: the rate of the common UART pressure transmitters.
const STREAM_MS = 100;
const P = 0x50, T = 0x54;

/** A sensor that streams `P 101.3\r\n` (pressure) or `T 20.1\r\n` (temperature) lines on the clock while the port is open. */
export class UartSensor implements FarEnd {
  private readonly line = new Uint8Array(24);
  private readonly timer: TimerId;

  constructor(model: LaunchBayModel, signal: string, quantity: Quantity, private readonly clock: Clock, deliver: Deliver) {
    const tag = signal.endsWith('temperature') ? T : P;
    this.timer = clock.set(() => deliver(this.line, formatReading(this.line, tag, sense(model, signal, quantity))), STREAM_MS, STREAM_MS);
  }

  /** The sensor takes no commands. */
  receive(): void {}

  close(): void { this.clock.clear(this.timer); }
}
