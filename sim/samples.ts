// One sample of the bay for the strip charts (web bench and scenario report): pressures, temperature, door
// positions and every machine's state, at one moment of simulated time.
import { airlockLetters, type AirlockLetter } from '../firmware/board/signals';
import type { Controller } from '../firmware/controller';
import type { Airlock, Bay, Door } from './physics';

/** The parts a sample and a view read: the simulator's model, or the bench's pins read as the same parts. */
export interface ScreenModel {
  readonly bay: Readonly<Pick<Bay, 'kPa' | 'tempC' | 'pumpOn' | 'ventOn' | 'heaterOn' | 'leakKpaPerS'>>;
  readonly bayDoor: Readonly<Door>;
  /** The airlocks there are (a bench reads only those it has pins for). */
  readonly airlocks: { readonly [L in AirlockLetter]?: Readonly<Pick<Airlock, 'chamberKpa' | 'pumpOn' | 'ventOn' | 'outer' | 'inner'>> };
  readonly outputs: { readonly [signal: string]: boolean };
}

/** What a sample and a view read: a SimWorld, or anything with a clock, the parts and the controller. */
export interface ScreenWorld {
  readonly clock: { now(): number };
  readonly model: ScreenModel;
  readonly controller: Controller;
}

/** The airlocks a model has: those its physics steps, or those a bench reads. */
export const lettersOf = (model: ScreenModel): readonly AirlockLetter[] =>
  (model as { letters?: readonly AirlockLetter[] }).letters ?? airlockLetters.filter((l) => model.airlocks[l] !== undefined);

export interface Sample {
  t: number;
  /** Bay pressure and temperature, and each airlock's chamber pressure (kPa, °C). */
  bayKpa: number;
  bayTempC: number;
  chamberKpa: { [letter: string]: number };
  /** 0 closed … 100 open: `bay door`, `airlock A outer`, … */
  doors: { [door: string]: number };
  /** Each hosted machine's state: null while it is not yet known (after boot), absent while the power is off. */
  states: { [machine: string]: string | null };
}

export function sampleOf(world: ScreenWorld & { powered?: boolean }): Sample {
  const { model } = world;
  const chamberKpa: Sample['chamberKpa'] = {}, doors: Sample['doors'] = { 'bay door': Math.round(model.bayDoor.position * 100) };
  for (const l of lettersOf(model)) {
    const a = model.airlocks[l]!;
    chamberKpa[l] = round1(a.chamberKpa);
    doors[`airlock ${l} outer`] = Math.round(a.outer.position * 100);
    doors[`airlock ${l} inner`] = Math.round(a.inner.position * 100);
  }
  const states: Sample['states'] = {};
  if (world.powered !== false) for (const [id, m] of Object.entries(world.controller.machines)) if (m) states[id] = m.state ?? null;
  return { t: world.clock.now(), bayKpa: round1(model.bay.kPa), bayTempC: round1(model.bay.tempC), chamberKpa, doors, states };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Keeps samples (or any timed records) no closer than `everyMs` and no older than `keepMs` behind the newest. */
export class SampleHistory<T extends { t: number } = Sample> {
  readonly samples: T[] = [];
  constructor(private readonly everyMs: number, private readonly keepMs = Infinity) {}

  offer(take: () => T, now: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && now - last.t < this.everyMs && now >= last.t) return;
    if (last && now < last.t) this.samples.length = 0; // time went back (a new world): start again
    this.samples.push(take());
    const oldest = now - this.keepMs;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop].t < oldest) drop++;
    if (drop) this.samples.splice(0, drop);
  }

  /** The last record taken at or before `t` (the oldest kept, if `t` is older still). */
  at(t: number): T | undefined {
    const s = this.samples;
    let lo = 0, hi = s.length - 1, found = s.length ? 0 : -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (s[mid].t <= t) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found >= 0 ? s[found] : undefined;
  }
}
