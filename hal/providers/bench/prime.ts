// Readies a bench board's inputs before the controller reads them: every input set up and confirmed by the board,
// then every input and analog channel heard from once, so a driver's first read() is a level the rig really drives.
//
// Three things make that harder than turning the reports on:
// - StandardFirmata reports a port as soon as its reporting is on, with a 0 for each pin of it not yet an input, and
//   an active-low switch reads 0 as closed: so every input is set up, and confirmed, before any report is asked for.
//   That also leaves behind any report of the last session still on the line (a board that did not reset as the
//   port opened): the board answers in order, so such a report comes before the answers.
// - Firmata has no acknowledgements, and a message lost on the way is never answered: the emulated Mega's genuine
//   StandardFirmata 2.3 loses some (a third of 36 pin-state queries sent at once, and report requests in a burst),
//   with every byte read from its UART. So the questions go a few at a time, each input's mode is confirmed by
//   asking the board for it, and a question unanswered after ASK_AGAIN_MS is asked again.
// - Before 2.5 a pull-up is an input written high; written high while the pin is still an output (its mode lost),
//   it would drive a closed switch to ground. So it is written only once the board has said the pin is an input.
import { hasOldPullUp, oldWayPullUp, PIN_STATE_QUERY, setInputMode, turnOnOldPullUp, type FirmataIo } from './io';
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
    /** The questions awaiting an answer: each pin's, and when it went. */
    const asked = new Map<number, number>();
    let queue: BenchPin[] = [...digital], reporting = false, over = false;
    const finish = (error?: Error) => {
      if (over) return;
      over = true;
      clearInterval(round);
      clearTimeout(timer);
      for (const u of undo) u();
      if (error) reject(error); else resolve();
    };
    const listen = (event: string, listener: () => void) => {
      io.addListener(event, listener);
      undo.push(() => io.removeListener(event, listener));
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
      reporting = true;
      const all = [...digital, ...analog];
      for (const p of all) {
        listen(p.role === 'analog' ? `analog-read-${io.pins[p.pin]!.analogChannel}` : `digital-read-${p.pin}`, () => {
          if (heard.has(p.pin)) return;
          heard.add(p.pin);
          if (heard.size === all.length) finish();
        });
      }
      enable(all);
    };
    const askNext = () => {
      while (asked.size < WINDOW && queue.length > 0) {
        const p = queue.shift()!;
        asked.set(p.pin, Date.now());
        io.sysexCommand([PIN_STATE_QUERY, p.pin]);
      }
    };
    /** The board's answer for `p`, which firmata-io has put in `pins`. */
    const answered = (p: BenchPin) => {
      if (over || reporting || !asked.delete(p.pin)) return;
      const { mode, state } = io.pins[p.pin]!;
      const oldWay = oldWayPullUp(io, p.pin, p.pullUp);
      const wanted = p.pullUp && !oldWay ? io.MODES.PULLUP : io.MODES.INPUT;
      // An old-way pull-up is the level the bench wrote to the input, which the board answers as its state.
      if (mode === wanted && (!oldWay || (hasOldPullUp(io, p.pin) && state === 1))) {
        confirmed.add(p.pin);
      } else if (mode === io.MODES.INPUT && oldWay) {
        // An input now, its pull-up not on yet (or its write lost): turn it on, and ask again behind that write.
        const first = !hasOldPullUp(io, p.pin);
        turnOnOldPullUp(io, p.pin);
        if (first) queue.unshift(p);
      } else {
        // Its mode was lost: set it again, and ask next round.
        setInputMode(io, p.pin, p.pullUp, true);
      }
      if (confirmed.size === digital.length) startReports(); else askNext();
    };
    for (const p of digital) listen(`pin-state-${p.pin}`, () => answered(p));
    const round = setInterval(() => {
      if (reporting) { enable([...digital, ...analog].filter((p) => !heard.has(p.pin))); return; }
      // A question unanswered this long was lost (or its answer was): ask it again.
      const now = Date.now();
      for (const [pin, when] of asked) if (now - when >= ASK_AGAIN_MS) asked.delete(pin);
      const waiting = new Set([...asked.keys(), ...queue.map((p) => p.pin)]);
      queue.push(...digital.filter((p) => !confirmed.has(p.pin) && !waiting.has(p.pin)));
      askNext();
    }, ASK_AGAIN_MS);
    const timer = setTimeout(() => {
      const within = `within ${timeoutMs / 1000} s`;
      const named = (pins: BenchPin[]) => pins.map((p) => `${p.pin} (${p.name})`).join(', ');
      const unconfirmed = digital.filter((p) => !confirmed.has(p.pin));
      const silent = [...digital, ...analog].filter((p) => !heard.has(p.pin));
      finish(new Error(unconfirmed.length > 0
        ? `bench: the board never confirmed these pins as inputs ${within}: ${named(unconfirmed)}`
        : `bench: these pins never reported ${within}: ${named(silent)}; StandardFirmata 2.4 and later report a port when ` +
          'asked to, earlier versions only when a level on it changes'));
    }, timeoutMs);
    if (digital.length === 0) startReports(); else askNext();
  });
}
