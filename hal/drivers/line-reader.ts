// Splits a serial byte stream into lines, across chunk boundaries, in one preallocated buffer.

const LF = 0x0a, CR = 0x0d;

export class LineReader {
  private readonly line: Uint8Array;
  private length = 0;
  private overflowed = false;

  /**
   * `onLine(bytes, length)` receives each non-empty line without its `\r\n`, in a buffer reused for the next
   * line; a line longer than `capacity` is delivered as `onLine(bytes, -1)` (too long to be a reading).
   */
  constructor(capacity: number, private readonly onLine: (bytes: Uint8Array, length: number) => void) {
    this.line = new Uint8Array(capacity);
  }

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === LF) this.end();
      // A carriage return ends nothing by itself: sensors send `\r\n`, and some send bare `\n`.
      else if (c === CR) continue;
      else if (this.length < this.line.length) this.line[this.length++] = c;
      else this.overflowed = true;
    }
  }

  private end(): void {
    const length = this.overflowed ? -1 : this.length;
    this.length = 0;
    this.overflowed = false;
    if (length !== 0) this.onLine(this.line, length);
  }
}
