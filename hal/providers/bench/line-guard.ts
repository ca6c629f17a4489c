// The transport firmata-io reads through: only whole Firmata messages pass; stray bytes, and any message that makes
// firmata-io throw, are logged, so noise on the USB line never takes the controller down.
import { EventEmitter } from 'node:events';
import { boardToHost, FrameSplitter, hexBytes } from './firmata-frames';

/** The serial port below: serialport's SerialPort, or any byte duplex with the same events. */
export interface ByteLine {
  readonly isOpen?: boolean;
  write(data: Buffer, callback?: (error?: Error | null) => void): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', listener: (arg?: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

export class LineGuard extends EventEmitter {
  /** Bytes dropped as stray since the start. */
  strayBytes = 0;
  /** Messages firmata-io failed on. */
  failedMessages = 0;
  /** Called after firmata-io threw, to reset its parser. */
  onHandlerError: () => void = () => {};
  private readonly splitter: FrameSplitter;
  private readonly onData: (chunk: Buffer) => void;

  constructor(private readonly line: ByteLine, private readonly log: (line: string) => void) {
    super();
    this.splitter = new FrameSplitter(boardToHost, (frame) => this.deliver(frame), (bytes, why) => {
      this.strayBytes += bytes.length;
      this.log(`serial line: ignored ${hexBytes(bytes)}: ${why}`);
    });
    this.onData = (chunk) => this.splitter.push(chunk);
    line.on('data', this.onData);
    line.on('close', (e) => this.emit('close', e));
    line.on('error', (e) => this.emit('error', e));
  }

  get isOpen(): boolean { return this.line.isOpen ?? true; }

  /** firmata-io counts pending writes by their callbacks, so every write calls back. */
  write(data: Buffer, callback?: () => void): void {
    this.line.write(data, () => callback?.());
  }

  /** Tells firmata-io the line is open: the port was opened before firmata-io was made, so it missed the event. */
  announceOpen(): void { this.emit('open'); }

  /** Stops listening to the line (the line itself is closed by its owner). */
  detach(): void { this.line.off('data', this.onData); }

  private deliver(frame: number[]): void {
    try {
      this.emit('data', Buffer.from(frame));
    } catch (e) {
      this.failedMessages++;
      this.log(`serial line: ignored ${hexBytes(frame)}: the Firmata client failed on it (${(e as Error).message})`);
      this.onHandlerError();
    }
  }
}
