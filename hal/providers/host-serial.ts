// ECMA-419 Serial (buffer format) over a host serial port opened with serialport: lets the firmware's framed
// serial transport run on a real line or a pty, exactly as it runs on a board.
import { SerialPort } from 'serialport';
import type { Serial, SerialClass, SerialOptions } from '../types';

/** Opens `path` at `baud` (raw); rejects with the port's error. */
export async function openSerialPort(path: string, baud: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: baud, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('error', () => {}); // a pty's other end hanging up is not ours to crash on
  return port;
}

/** A Serial class bound to an open port: received bytes queue until `read()`, as on the device. */
export function serialClassOn(port: SerialPort): SerialClass {
  return class HostSerial implements Serial {
    private queued: Buffer[] = [];
    constructor(o: SerialOptions) {
      port.on('data', (chunk: Buffer) => { this.queued.push(chunk); o.onReadable?.call(this, chunk.length); });
    }
    read(): ArrayBuffer | undefined {
      if (this.queued.length === 0) return undefined;
      const all = Buffer.concat(this.queued);
      this.queued = [];
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
    }
    write(data: ArrayBuffer | Uint8Array): void { port.write(Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data))); }
    close(): void { if (port.isOpen) port.close(); }
  };
}
