// Firmata's framing (github.com/firmata/protocol, protocol.md): which byte starts which message, how long it is, and
// a splitter that cuts a byte stream into whole messages and stray bytes.

// Command bytes have the high bit set; data bytes never do, so a receiver can always find the next message.
export const DIGITAL_MESSAGE = 0x90;
export const ANALOG_MESSAGE = 0xe0;
export const REPORT_ANALOG = 0xc0;
export const REPORT_DIGITAL = 0xd0;
export const START_SYSEX = 0xf0;
export const SET_PIN_MODE = 0xf4;
export const SET_DIGITAL_PIN_VALUE = 0xf5;
export const END_SYSEX = 0xf7;
export const REPORT_VERSION = 0xf9;
export const SYSTEM_RESET = 0xff;

// Sysex sub-commands: the byte after START_SYSEX.
export const ANALOG_MAPPING_QUERY = 0x69;
export const ANALOG_MAPPING_RESPONSE = 0x6a;
export const CAPABILITY_QUERY = 0x6b;
export const CAPABILITY_RESPONSE = 0x6c;
export const PIN_STATE_QUERY = 0x6d;
export const PIN_STATE_RESPONSE = 0x6e;
export const EXTENDED_ANALOG = 0x6f;
export const STRING_DATA = 0x71;
export const REPORT_FIRMWARE = 0x79;
export const SAMPLING_INTERVAL = 0x7a;

/** Pin modes, as SET_PIN_MODE and the capability response number them. */
export const PinMode = { INPUT: 0x00, OUTPUT: 0x01, ANALOG: 0x02, PWM: 0x03, PULLUP: 0x0b } as const;

/** The end of one pin's list in the capability response, and "no channel" in the analog mapping response. */
export const NONE = 0x7f;

/** A message's length from its first byte, in one direction: 0 for a byte that starts no message, -1 for sysex. */
export type Lengths = (command: number) => number;

/** What a board sends: digital port and analog reports, the version report, sysex. */
export const boardToHost: Lengths = (c) => {
  const group = c & 0xf0;
  if (group === DIGITAL_MESSAGE || group === ANALOG_MESSAGE) return 3;
  if (c === REPORT_VERSION) return 3;
  return c === START_SYSEX ? -1 : 0;
};

/** What a host sends: writes, reporting switches, pin modes, the version request (one byte), reset, sysex. */
export const hostToBoard: Lengths = (c) => {
  const group = c & 0xf0;
  if (group === DIGITAL_MESSAGE || group === ANALOG_MESSAGE) return 3;
  if (group === REPORT_ANALOG || group === REPORT_DIGITAL) return 2;
  if (c === SET_PIN_MODE || c === SET_DIGITAL_PIN_VALUE) return 3;
  if (c === REPORT_VERSION || c === SYSTEM_RESET) return 1;
  return c === START_SYSEX ? -1 : 0;
};

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** Bytes as the log shows them: `0x12 0xF1`, the first 16 of a long run. */
export function hexBytes(bytes: readonly number[]): string {
  const shown = bytes.slice(0, 16).map(hex).join(' ');
  return bytes.length > 16 ? `${shown} … (${bytes.length} bytes)` : shown;
}

// The longest sysex we accept: a Mega's capability response is about 600 bytes.
const MAX_SYSEX = 2048;

/**
 * Cuts a byte stream into whole messages. A byte that cannot belong to a message (a data byte with no command
 * before it, an unknown command, a message cut short by the next command, an overlong sysex) is stray: it is
 * handed to `onStray` with the reason, and the splitter carries on at the next command byte.
 */
export class FrameSplitter {
  private readonly frame: number[] = [];
  private expected = 0;
  private stray: number[] = [];
  private why = '';

  constructor(
    private readonly lengths: Lengths,
    private readonly onFrame: (frame: number[]) => void,
    private readonly onStray: (bytes: number[], why: string) => void,
  ) {}

  push(chunk: ArrayLike<number>): void {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i] & 0xff);
    this.flushStray();
  }

  private byte(b: number): void {
    const f = this.frame;
    if (f.length > 0 && this.expected === -1) {
      if (b === END_SYSEX) { f.push(b); this.emit(); return; }
      if (b < 0x80) {
        if (f.length < MAX_SYSEX) { f.push(b); return; }
        this.strayRun(f.splice(0), `sysex longer than ${MAX_SYSEX} bytes`);
        this.expected = 0;
        return;
      }
      this.strayRun(f.splice(0), `sysex cut short by ${hex(b)}`);
    } else if (f.length > 0) {
      if (b < 0x80) { f.push(b); if (f.length === this.expected) this.emit(); return; }
      this.strayRun(f.splice(0), `message cut short by ${hex(b)}`);
    }
    if (b < 0x80) { this.strayRun([b], 'data bytes outside any message'); return; }
    const length = this.lengths(b);
    if (length === 0) { this.strayRun([b], `${hex(b)} starts no message`); return; }
    this.flushStray();
    f.push(b);
    this.expected = length;
    if (length === 1) this.emit();
  }

  private emit(): void {
    this.flushStray();
    const frame = this.frame.splice(0);
    this.expected = 0;
    this.onFrame(frame);
  }

  // Consecutive stray bytes for the same reason are reported once, as one run.
  private strayRun(bytes: number[], why: string): void {
    if (this.stray.length > 0 && why !== this.why) this.flushStray();
    this.why = why;
    for (const b of bytes) this.stray.push(b);
  }

  private flushStray(): void {
    if (this.stray.length === 0) return;
    const bytes = this.stray;
    this.stray = [];
    this.onStray(bytes, this.why);
  }
}
