// What each board signal is in the physics model: a switch to sense, a flag to set, a door motor, a quantity to measure.
import { isAirlockLetter } from '../../hal/board/signals';
import { atClosedLimit, atOpenLimit, type Airlock, type Bay, type ButtonCell, type Door, type LaunchBayModel } from '../physics';

/** A dir-enable H-bridge: the door's motor follows both pins (`dir` high opens, `enable` high runs). */
export interface HBridge { door: Door; dir: boolean; enable: boolean }

export function driveHBridge(h: HBridge): void {
  h.door.motor = h.enable ? (h.dir ? 1 : -1) : 0;
}

/**
 * What a switch input senses, as data rather than a closure, so the simulator's scan reads every input with the
 * same few field loads: a button's cell, or a door and which of its limits.
 */
export interface SwitchSense {
  /** BUTTON, OPEN_LIMIT or CLOSED_LIMIT. */
  kind: number;
  button: ButtonCell | null;
  door: Door | null;
}
const BUTTON = 0, OPEN_LIMIT = 1, CLOSED_LIMIT = 2;

/** Made once per pin. */
export function switchSenseOf(model: LaunchBayModel, signal: string): SwitchSense {
  if (signal.endsWith(' open limit')) return { kind: OPEN_LIMIT, button: null, door: model.door(signal.slice(0, -' open limit'.length)) };
  if (signal.endsWith(' closed limit')) return { kind: CLOSED_LIMIT, button: null, door: model.door(signal.slice(0, -' closed limit'.length)) };
  const button = model.buttonCells.get(signal);
  if (!button) throw new Error(`no button ${JSON.stringify(signal)} in the launch bay`);
  return { kind: BUTTON, button, door: null };
}

/** True while the button is pressed or the limit tripped. Allocates nothing. */
export function switchActive(s: SwitchSense): boolean {
  return s.kind === BUTTON ? s.button!.pressed : s.kind === OPEN_LIMIT ? atOpenLimit(s.door!) : atClosedLimit(s.door!);
}

/** A switch input's meaning: true while pressed or tripped. Made once per pin; reading it allocates nothing. */
export function switchOf(model: LaunchBayModel, signal: string): () => boolean {
  const sense = switchSenseOf(model, signal);
  return () => switchActive(sense);
}

/** The model flag an output switches: a pump, a vent valve, the heater, an indicator. */
export function outputOf(model: LaunchBayModel, signal: string): (on: boolean) => void {
  const bay = model.bay;
  if (signal === 'bay pump') return (on) => { bay.pumpOn = on; };
  if (signal === 'bay vent') return (on) => { bay.ventOn = on; };
  if (signal === 'bay heater') return (on) => { bay.heaterOn = on; };
  const m = /^airlock (\S+) (pump|vent)$/.exec(signal);
  if (m && isAirlockLetter(m[1])) {
    const airlock = model.airlocks[m[1]];
    return m[2] === 'pump' ? (on) => { airlock.pumpOn = on; } : (on) => { airlock.ventOn = on; };
  }
  const outputs = model.outputs;
  if (!(signal in outputs)) throw new Error(`no output ${JSON.stringify(signal)} in the launch bay`);
  return (on) => { outputs[signal] = on; };
}

/** Whether the part an output switches is on now (what `outputOf` last set): for views that record the pins. */
export function outputStateOf(model: LaunchBayModel, signal: string): () => boolean {
  const bay = model.bay;
  if (signal === 'bay pump') return () => bay.pumpOn;
  if (signal === 'bay vent') return () => bay.ventOn;
  if (signal === 'bay heater') return () => bay.heaterOn;
  const m = /^airlock (\S+) (pump|vent)$/.exec(signal);
  if (m && isAirlockLetter(m[1])) {
    const airlock = model.airlocks[m[1]];
    return m[2] === 'pump' ? () => airlock.pumpOn : () => airlock.ventOn;
  }
  const outputs = model.outputs;
  if (!(signal in outputs)) throw new Error(`no output ${JSON.stringify(signal)} in the launch bay`);
  return () => outputs[signal] === true;
}

/**
 * A sensor's true value, in engineering units, and its noise amplitude. `value` reads it through a call (for
 * views); the simulator's sensors read it as data (`trueValue`): which quantity, and of which part.
 */
export interface Quantity { value: () => number; noise: number; kind: number; bay: Bay | null; airlock: Airlock | null }
const BAY_KPA = 0, BAY_TEMPERATURE = 1, CHAMBER_KPA = 2;

export function quantityOf(model: LaunchBayModel, signal: string): Quantity {
  const c = model.constants, bay = model.bay;
  if (signal === 'bay pressure') return { value: () => bay.kPa, noise: c.noiseKpa, kind: BAY_KPA, bay, airlock: null };
  if (signal === 'bay temperature') return { value: () => bay.tempC, noise: c.noiseC, kind: BAY_TEMPERATURE, bay, airlock: null };
  const m = /^airlock (\S+) chamber pressure$/.exec(signal);
  if (!m || !isAirlockLetter(m[1])) throw new Error(`no sensor ${JSON.stringify(signal)} in the launch bay`);
  const airlock = model.airlocks[m[1]];
  return { value: () => airlock.chamberKpa, noise: c.noiseKpa, kind: CHAMBER_KPA, bay: null, airlock };
}

/** The quantity's true value now, what `q.value()` returns, read without a call. */
export function trueValue(q: Quantity): number {
  return q.kind === BAY_KPA ? q.bay!.kPa : q.kind === BAY_TEMPERATURE ? q.bay!.tempC : q.airlock!.chamberKpa;
}

/**
 * What the sensor reports now: the true value plus noise, or its fault. NaN means out of range, which the
 * caller turns into full scale (ADC) or garbage (UART). A stuck sensor reads its value exactly, no noise.
 */
export function sense(model: LaunchBayModel, signal: string, q: Quantity): number {
  const fault = model.sensorFaults[signal];
  if (fault !== undefined) return fault.kind === 'stuck' ? fault.value : NaN;
  return trueValue(q) + model.noise() * q.noise;
}
