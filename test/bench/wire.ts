// An in-memory serial line for tests that need Firmata but not a serial port: bytes cross on the next turn of the event loop.
import { EventEmitter } from 'node:events';

class WireEnd extends EventEmitter {
  readonly isOpen = true;
  peer!: WireEnd;

  write(data: Uint8Array, callback?: () => void): boolean {
    const copy = Buffer.from(data);
    setImmediate(() => { this.peer.emit('data', copy); callback?.(); });
    return true;
  }
}

/** Two ends of one line: what one writes, the other hears. */
export function createWire(): { board: WireEnd; host: WireEnd } {
  const board = new WireEnd(), host = new WireEnd();
  board.peer = host;
  host.peer = board;
  return { board, host };
}
