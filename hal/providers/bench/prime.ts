// Readies a bench board's inputs before the controller reads them: every input set up and confirmed by the board,
// then every input and analog channel heard from once, so a driver's first read() is a level the rig really drives.
//
// Three things make that harder than turning the reports on:
// - StandardFirmata reports a port as soon as its reporting is on, with a 0 for each pin of it not yet an input, and
//   an active-low switch reads 0 as closed: so every input is set up, and confirmed, before any report is asked for.
// - A board that did not reset as the port opened may still have the last session's reports on the line: the
//   firmware query sent after the modes is answered after them, and nothing heard before its answer counts.
// - Firmata has no acknowledgements, and a message lost on the way is never answered: the emulated Mega's genuine
//   StandardFirmata 2.3 loses some (a third of 36 pin-state queries sent at once, and report requests in a burst),
//   with every byte read from its UART. So the questions go a few at a time, each input's mode is confirmed by
//   asking the board for it, and whatever is still unanswered is asked again every ASK_AGAIN_MS.
import { queryInput, setInputMode, type FirmataIo } from './io';
import type { BenchPin, BenchPinMap } from './pin-map';

const ASK_AGAIN_MS = 250;
/** Pin-state questions awaiting their answer at once: four answers of 7 bytes fit the AVR's 64-byte send buffer. */
const WINDOW = 4;

export function primeInputs(map: BenchPinMap, io: FirmataIo, timeoutMs: number): Promise<void> {
  const digital: BenchPin[] = [], analog: BenchPin[] = [];
  for (const p of map.pins.values()) if (p.role === 'input') digital.push(p); else if (p.role === 'analog') analog.push(p);
  for (const p of digital) setInputMode(io, p.pin, p.pullUp);
  if (digital.length + analog.length === 0) return Promise.resolve();

  return new Promise<void>((resolve, reject) => {
    const confirmed = new Set<number>(), heard = new Set<number>(), undo: (() => void)[] = [];
    let started = false, reporting = false, over = false, unanswered = 0;
    let queue: BenchPin[] = [];
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      clearInterval(round);
      clearTimeout(timer);
      for (const u of undo) u();
      if (error) reject(error); else resolve();
    };
    /** Turns on the reports of each port (once) and channel among `pins`. */
    const enable = (pins: BenchPin[]) => {
      const ports = new Set<number>();
      for (const p of pins) {
        if (p.role === 'analog') io.reportAnalogPin(io.pins[p.pin]!.analogChannel, 1);
        else if (!ports.has(p.pin >> 3)) { ports.add(p.pin >> 3); io.reportDigitalPin(p.pin, 1); }
      }
    };
    // Only once every input is confirmed: StandardFirmata before 2.4 reports a port when a level on it changes, not
    // when asked (the emulated Mega's 2.3 did not report it again), so one report of a port counts for all its inputs.
    const startReports = () => {
      if (reporting) return;
      reporting = true;
      const all = [...digital, ...analog];
      for (const p of all) {
        const event = p.role === 'analog' ? `analog-read-${io.pins[p.pin]!.analogChannel}` : `digital-read-${p.pin}`;
        const listener = () => {
          if (heard.has(p.pin)) return;
          heard.add(p.pin);
          if (heard.size === all.length) finish();
        };
        io.addListener(event, listener);
        undo.push(() => io.removeListener(event, listener));
      }
      enable(all);
    };
    const askNext = () => {
      while (unanswered < WINDOW && queue.length > 0) {
        const p = queue.shift()!;
        unanswered++;
        queryInput(io, p.pin, p.pullUp, (right) => {
          unanswered = Math.max(0, unanswered - 1);
          if (over) return;
          if (right) confirmed.add(p.pin);
          // Its mode, or the write that turns its pull-up on, was lost: set it again, and ask next round.
          else setInputMode(io, p.pin, p.pullUp, true);
          if (confirmed.size === digital.length) startReports(); else askNext();
        });
      }
    };
    const begin = () => {
      if (over || started) return;
      started = true;
      queue = [...digital];
      if (digital.length === 0) startReports(); else askNext();
    };
    // Firmata has no acknowledgements: what went unanswered by the next round is lost, and asked again.
    const round = setInterval(() => {
      if (!started) { io.queryFirmware(begin); return; }
      if (!reporting) {
        unanswered = 0;
        queue = digital.filter((p) => !confirmed.has(p.pin));
        askNext();
        return;
      }
      enable([...digital, ...analog].filter((p) => !heard.has(p.pin)));
    }, ASK_AGAIN_MS);
    const timer = setTimeout(() => {
      const within = `within ${timeoutMs / 1000} s`;
      const named = (pins: BenchPin[]) => pins.map((p) => `${p.pin} (${p.name})`).join(', ');
      const unconfirmed = digital.filter((p) => !confirmed.has(p.pin));
      const silent = [...digital, ...analog].filter((p) => !heard.has(p.pin));
      finish(new Error(!started
        ? `bench: the board never answered the firmware query that follows the pin modes ${within}; is the line dropping bytes?`
        : unconfirmed.length > 0
          ? `bench: the board never confirmed these pins as inputs ${within}: ${named(unconfirmed)}`
          : `bench: these pins never reported ${within}: ${named(silent)}; StandardFirmata 2.4 and later report a port when ` +
            'asked to, earlier versions only when a level on it changes'));
    }, timeoutMs);
    io.queryFirmware(begin);
  });
}
