// What each board signal is in the physics model: a switch to sense, a flag to set, a door motor, a quantity to measure.
import { airlockOf } from '../../hal/board/signals';
import { atClosedLimit, atOpenLimit, type Airlock, type Bay, type ButtonCell, type Door, type LaunchBayModel } from '../physics';

/** A dir-enable H-bridge: the door's motor follows both pins (`dir` high opens, `enable` high runs). */
export interface HBridge { door: Door; dir: boolean; enable: boolean }

function driveHBridge(h: HBridge): void {
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
  const button = model.buttonCell(signal);
  if (!button) throw new Error(`no button ${JSON.stringify(signal)} in the launch bay`);
  return { kind: BUTTON, button, door: null };
}

/** True while the button is pressed or the limit tripped. Allocates nothing. */
export function switchActive(s: SwitchSense): boolean {
  return s.kind === BUTTON ? s.button!.pressed : s.kind === OPEN_LIMIT ? atOpenLimit(s.door!) : atClosedLimit(s.door!);
}

/**
 * What an output pin switches, as data rather than a closure per pin: a boolean field of a part of the model (a
 * pump's `pumpOn`, an indicator in `model.outputs`), or one pin of a door's H-bridge, which then drives the door.
 */
export interface OutputSwitch {
  part: { [field: string]: unknown };
  field: string;
  bridge: HBridge | null;
}

/** Made once per pin. */
export function outputSwitchOf(model: LaunchBayModel, signal: string): OutputSwitch {
  const bay = model.bay as unknown as OutputSwitch['part'];
  if (signal === 'bay pump') return { part: bay, field: 'pumpOn', bridge: null };
  if (signal === 'bay vent') return { part: bay, field: 'ventOn', bridge: null };
  if (signal === 'bay heater') return { part: bay, field: 'heaterOn', bridge: null };
  const letter = airlockOf(signal), rest = letter ? signal.slice(`airlock ${letter} `.length) : '';
  if (letter && (rest === 'pump' || rest === 'vent')) {
    return { part: model.airlocks[letter] as unknown as OutputSwitch['part'], field: rest === 'pump' ? 'pumpOn' : 'ventOn', bridge: null };
  }
  if (!(signal in model.outputs)) throw new Error(`no output ${JSON.stringify(signal)} in the launch bay`);
  return { part: model.outputs, field: signal, bridge: null };
}

/** One pin of a dir-enable H-bridge (`dir` or `enable`), made once per pin. */
export function bridgeSwitchOf(bridge: HBridge, pin: 'dir' | 'enable'): OutputSwitch {
  return { part: bridge as unknown as OutputSwitch['part'], field: pin, bridge };
}

/** Switches the part. Allocates nothing. */
export function setOutput(o: OutputSwitch, on: boolean): void {
  o.part[o.field] = on;
  if (o.bridge !== null) driveHBridge(o.bridge);
}

/** Whether the part is on now (what `setOutput` last set): for views that record the pins. */
export function outputIsOn(o: OutputSwitch): boolean {
  return o.part[o.field] === true;
}

/**
 * A sensor's true value, in engineering units, and its noise amplitude: as data (which quantity, and of which
 * part), which `trueValue` reads without a call.
 */
export interface Quantity { noise: number; kind: number; bay: Bay | null; airlock: Airlock | null }
const BAY_KPA = 0, BAY_TEMPERATURE = 1, CHAMBER_KPA = 2;

export function quantityOf(model: LaunchBayModel, signal: string): Quantity {
  const c = model.constants, bay = model.bay;
  if (signal === 'bay pressure') return { noise: c.noiseKpa, kind: BAY_KPA, bay, airlock: null };
  if (signal === 'bay temperature') return { noise: c.noiseC, kind: BAY_TEMPERATURE, bay, airlock: null };
  const letter = airlockOf(signal);
  if (!letter || signal !== `airlock ${letter} chamber pressure`) throw new Error(`no sensor ${JSON.stringify(signal)} in the launch bay`);
  return { noise: c.noiseKpa, kind: CHAMBER_KPA, bay: null, airlock: model.airlocks[letter] };
}

/** The quantity's true value now. Allocates nothing. */
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
