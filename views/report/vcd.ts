// A run's pins as a Value Change Dump (IEEE 1364 VCD), the format GTKWave and PulseView open: every digital pin a
// board wires (buttons, limit switches, outputs, H-bridge dir and enable) at its electrical level, and every analog
// input as the ADC's counts and as the value in engineering units, as a logic analyzer beside the board would see them.
import type { Board } from '../../firmware/board/types';
import { knownSignals } from '../../firmware/board/signals';
import { countsFor, FULL_SCALE } from '../../sim/provider/analog';
import { outputIsOn, outputSwitchOf, quantityOf, switchActive, switchSenseOf, trueValue } from '../../sim/provider/bindings';
import type { Clock } from '../../hal/types';
import type { LaunchBayModel } from '../../sim/physics';

/** One traced signal: its scope (the board, or the node), name, width (bits, or a real) and how to read it now. */
export interface Probe { scope: string; name: string; width: number | 'real'; read(): number }

const ADC_BITS = Math.round(Math.log2(FULL_SCALE + 1));
const idName = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_');

// What a sensor puts on its pin, noise aside (a view must not draw on the run's noise): physics, or its fault.
function sensed(model: LaunchBayModel, signal: string): () => number {
  const q = quantityOf(model, signal);
  return () => {
    const fault = model.sensorFaults[signal];
    return fault === undefined ? trueValue(q) : fault.kind === 'stuck' ? fault.value : NaN;
  };
}

/** The probes for every pin `board` wires; serial lines (UART sensors, motor controllers) carry text and are left out. */
function probesOf(board: Board, model: LaunchBayModel, scope = board.node ?? board.name): { probes: Probe[]; pins: string[] } {
  const probes: Probe[] = [], pins: string[] = [], known = knownSignals();
  const digital = (name: string, pin: number, level: () => boolean) => {
    probes.push({ scope, name: idName(name), width: 1, read: () => (level() ? 1 : 0) });
    pins.push(`${scope}.${idName(name)}: pin ${pin}`);
  };
  for (const [signal, w] of Object.entries(board.signals)) {
    const kind = known.get(signal)?.kind;
    if ('wiring' in w && w.wiring === 'dir-enable') {
      const door = model.door(signal);
      let dir = false; // a stopped bridge keeps the direction it was last given
      digital(`${signal} dir`, w.dir, () => (door.motor === 0 ? dir : (dir = door.motor === 1)));
      digital(`${signal} enable`, w.enable, () => door.motor !== 0);
    } else if ('wiring' in w && w.wiring === 'analog') {
      const { raw, value } = w.calibration, read = sensed(model, signal);
      const entry = { pin: w.pin, name: signal, quantity: quantityOf(model, signal), raw0: raw[0], value0: value[0], countsPerUnit: (raw[1] - raw[0]) / (value[1] - value[0]), holder: null };
      probes.push({ scope, name: idName(signal), width: ADC_BITS, read: () => countsFor(entry, read()) });
      // Out of range reads full scale: the value the calibration gives there.
      probes.push({ scope, name: `${idName(signal)}_value`, width: 'real', read: () => { const v = read(); return v === v ? v : value[0] + (FULL_SCALE - raw[0]) / entry.countsPerUnit; } });
      pins.push(`${scope}.${idName(signal)}: analog pin ${w.pin}, ${ADC_BITS}-bit counts; ${scope}.${idName(signal)}_value: the same in engineering units`);
    } else if ('wiring' in w && w.wiring === 'uart') {
      // A UART sensor's line carries its reading as text: traced as the value it sends.
      const read = sensed(model, signal);
      probes.push({ scope, name: `${idName(signal)}_value`, width: 'real', read: () => read() });
      pins.push(`${scope}.${idName(signal)}_value: the reading its UART sends (rx pin ${w.rx}), out of range as 0`);
    } else if ('pin' in w && (kind === 'input' || kind === 'output')) {
      const plain = w as { pin: number; activeLow?: boolean; pullUp?: boolean };
      // A switch to ground needs a pull-up and reads low when closed (as the simulator's pin table wires it).
      const activeLow = plain.activeLow ?? (kind === 'input' ? plain.pullUp ?? false : false);
      const sense = kind === 'input' ? switchSenseOf(model, signal) : null, output = sense ? null : outputSwitchOf(model, signal);
      const active = () => (sense ? switchActive(sense) : outputIsOn(output!));
      digital(signal, plain.pin, () => active() !== activeLow);
    }
  }
  return { probes, pins };
}

/** Records the probes' changes as time runs, keeping the last `keepMs`; writes them out as VCD text. */
export class VcdRecorder {
  private readonly base: number[];
  private baseT = -1;
  private readonly last: number[];
  /** Changes after `baseT`: time, probe, value. */
  private readonly changes: { t: number; i: number; v: number }[] = [];

  constructor(readonly probes: readonly Probe[], readonly notes: readonly string[] = [], private readonly keepMs = Infinity) {
    this.base = probes.map(() => NaN);
    this.last = probes.map(() => NaN);
  }

  /** Reads every probe at `t` (ms) and keeps what changed. */
  sample(t: number): void {
    if (this.baseT < 0) {
      this.baseT = t;
      this.probes.forEach((p, i) => { this.base[i] = this.last[i] = p.read(); });
      return;
    }
    this.probes.forEach((p, i) => {
      const v = p.read();
      if (v !== this.last[i]) { this.changes.push({ t, i, v }); this.last[i] = v; }
    });
    // Older than the window: folded into the starting values.
    let drop = 0;
    while (drop < this.changes.length && this.changes[drop].t < t - this.keepMs) { const c = this.changes[drop++]; this.base[c.i] = c.v; this.baseT = c.t; }
    if (drop) this.changes.splice(0, drop);
  }

  /** The VCD text: header, one scope per board or node, the starting values, then every change. */
  vcd(o: { comment?: string; date?: Date } = {}): string {
    const ids = this.probes.map((_, i) => vcdId(i));
    const out = [`$date ${(o.date ?? new Date(0)).toUTCString()} $end`, '$version launch-bay simulator $end'];
    if (o.comment || this.notes.length) out.push(`$comment ${[o.comment, ...this.notes].filter(Boolean).join('; ')} $end`);
    out.push('$timescale 1 ms $end');
    for (const scope of [...new Set(this.probes.map((p) => p.scope))]) {
      out.push(`$scope module ${idName(scope)} $end`);
      this.probes.forEach((p, i) => { if (p.scope === scope) out.push(`$var ${p.width === 'real' ? 'real 64' : `wire ${p.width}`} ${ids[i]} ${p.name} $end`); });
      out.push('$upscope $end');
    }
    out.push('$enddefinitions $end', `#${Math.max(0, Math.round(this.baseT))}`, '$dumpvars', ...this.base.map((v, i) => value(this.probes[i], v, ids[i])), '$end');
    let t = this.baseT;
    for (const c of this.changes) {
      if (c.t !== t) { t = c.t; out.push(`#${Math.round(t)}`); }
      out.push(value(this.probes[c.i], c.v, ids[c.i]));
    }
    return `${out.join('\n')}\n`;
  }
}

function value(p: Probe, v: number, id: string): string {
  if (p.width === 'real') return `r${Number.isFinite(v) ? v : 0} ${id}`;
  if (p.width === 1) return `${v ? 1 : 0}${id}`;
  return `b${Math.max(0, Math.round(v)).toString(2)} ${id}`;
}

/** VCD identifiers: printable ASCII from `!`, as short as the count allows. */
function vcdId(i: number): string {
  let id = '';
  do { id += String.fromCharCode(33 + (i % 94)); i = Math.floor(i / 94); } while (i > 0);
  return id;
}

/** A recorder of every pin of `boards` on `model`, sampled every `everyMs` on the world's clock from now on. */
export function recordPins(world: { model: LaunchBayModel; clock: Pick<Clock, 'now' | 'set'> },
  boards: readonly Board[], o: { everyMs?: number; keepMs?: number } = {}): VcdRecorder {
  const probes: Probe[] = [], notes: string[] = [];
  for (const b of boards) { const p = probesOf(b, world.model, boards.length > 1 ? b.node ?? b.name : b.name); probes.push(...p.probes); notes.push(...p.pins); }
  const recorder = new VcdRecorder(probes, notes, o.keepMs);
  const every = o.everyMs ?? 50;
  recorder.sample(world.clock.now());
  world.clock.set(() => recorder.sample(world.clock.now()), every, every);
  return recorder;
}
