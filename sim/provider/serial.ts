// The simulator's ECMA-419 Serial: a UART whose far end is a simulated motor controller or a streaming sensor.
import type { LaunchBayModel } from '../physics';
import type { Clock, Serial, SerialClass, SerialOptions } from '../../hal/types';
import { pinError } from './errors';
import type { PinTable, SerialPins } from './pin-table';
import { MotorController, UartSensor, type FarEnd } from './serial-peers';

// The receive FIFO plus the driver's buffer on a typical MCU; bytes arriving when it is full are lost (overrun).
const RECEIVE_CAPACITY = 512;

// Made once, when the module is (preloaded, in flash); each table gets a subclass of a line (see digital.ts).
class TableSerial implements Serial {
  private entry: SerialPins | null;
  private readonly onReadable: ((this: Serial, count: number) => void) | undefined;
  private readonly received = new Uint8Array(RECEIVE_CAPACITY);
  private head = 0;
  private count = 0;
  private readonly far: FarEnd;

  constructor(private readonly table: PinTable, model: LaunchBayModel, clock: Clock, o: SerialOptions) {
    const entry = findPort(table, o);
    if (o.format !== undefined && o.format !== 'buffer') throw pinError(table, o.transmit, `Serial format "${String(o.format)}" is not supported`);
    // A wrong baud rate reads as garbage on real hardware; here it is a wiring mistake, so it fails at once.
    if (o.baud !== entry.baud) throw pinError(table, o.transmit, `Serial at ${o.baud} baud, but the board says ${entry.baud}`);
    if (entry.holder) throw pinError(table, o.transmit, 'already open');
    entry.holder = this;
    this.entry = entry;
    this.onReadable = o.onReadable;
    const deliver = (bytes: Uint8Array, length: number) => this.deliver(bytes, length);
    this.far = entry.door
      ? new MotorController(entry.door, clock, entry.baud, deliver)
      : new UartSensor(model, entry.name, entry.quantity!, clock, deliver);
  }

  /** Takes up to `count` received bytes (all by default); undefined when none wait. */
  read(count?: number): ArrayBuffer | undefined {
    this.live();
    const n = count === undefined || count > this.count ? this.count : count;
    if (n <= 0) return undefined;
    // A new ArrayBuffer, as ECMA-419 hands over, filled through a view, the ring's index wrapped without a modulo.
    const buffer = new ArrayBuffer(n), out = new Uint8Array(buffer), received = this.received;
    let at = this.head;
    for (let i = 0; i < n; i++) {
      out[i] = received[at];
      at = at + 1 === RECEIVE_CAPACITY ? 0 : at + 1;
    }
    this.head = at;
    this.count -= n;
    return buffer;
  }

  write(data: ArrayBuffer | Uint8Array): void {
    this.live();
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    for (let i = 0; i < bytes.length; i++) this.far.receive(bytes[i]);
  }

  close(): void {
    if (!this.entry) return;
    this.far.close();
    this.entry.holder = null;
    this.entry = null;
  }

  /** Bytes from the far end: into the FIFO, then `onReadable(count)` with all that wait. */
  private deliver(bytes: Uint8Array, length: number): void {
    if (!this.entry) return;
    for (let i = 0; i < length && this.count < RECEIVE_CAPACITY; i++) {
      this.received[(this.head + this.count) % RECEIVE_CAPACITY] = bytes[i];
      this.count++;
    }
    if (this.onReadable) this.onReadable.call(this, this.count);
  }

  private live(): void {
    if (!this.entry) throw new Error(`simulator: board "${this.table.board}": Serial used after close`);
  }
}

export function serialClass(table: PinTable, model: LaunchBayModel, clock: Clock): SerialClass {
  return class SimSerial extends TableSerial { constructor(o: SerialOptions) { super(table, model, clock, o); } };
}

function findPort(table: PinTable, o: SerialOptions): SerialPins {
  for (let i = 0; i < table.serial.length; i++) {
    const s = table.serial[i];
    if (s.tx === o.transmit && s.rx === o.receive) return s;
  }
  // Name the pin that is wrong: the transmit pin if it is not any UART's, else the receive pin.
  const txKnown = table.serial.some((s) => s.tx === o.transmit);
  const pin = txKnown ? o.receive : o.transmit;
  throw pinError(table, pin, `cannot open a Serial with transmit ${o.transmit} and receive ${o.receive}`);
}
