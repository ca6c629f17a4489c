// Each sensor's truth beside the physics: what physics holds, what the sensor puts on its pin (a stuck or
// out-of-range fault included), and what the controller takes from it; and which stuck values a sensor can read at all.
import type { Board } from '../firmware/board/types';
import type { Controller } from '../firmware/controller';
import { FULL_SCALE } from './provider/analog';
import type { LaunchBayModel } from './physics';

export interface SensorTruth {
  signal: string;
  unit: string;
  /** What physics holds. */
  physical: number;
  /** What the sensor gives: a number, or null when it reads out of range (pinned to full scale). */
  gives: number | null;
  /** What the controller takes: a number, null when it holds the reading unknown (faulty, judged, not yet live),
   *  undefined when no controller reports it (the bay temperature is not one of the controller's facts). */
  reads: number | null | undefined;
  /** The controller's reading (or the sensor's) is not what physics holds. */
  differs: boolean;
}

/** Readings within this of physics agree: the noise is ±0.2 kPa, ±0.1 °C. */
const AGREE = 1;

/** The pressure and temperature sensors a model has: the bay's, and each chamber's. */
export function sensorSignals(letters: readonly string[], bay: boolean): { signal: string; unit: string }[] {
  return [
    ...(bay ? [{ signal: 'bay pressure', unit: 'kPa' }, { signal: 'bay temperature', unit: '°C' }] : []),
    ...letters.map((l) => ({ signal: `airlock ${l} chamber pressure`, unit: 'kPa' })),
  ];
}

function physicalOf(model: LaunchBayModel, signal: string): number {
  if (signal === 'bay pressure') return model.bay.kPa;
  if (signal === 'bay temperature') return model.bay.tempC;
  return model.airlocks[signal.split(' ')[1] as 'A'].chamberKpa;
}

// The controller that wires the sensor reads it (on a cluster, that sensor's node); its facts sample the ADC, and
// the model's noise is put back, so looking changes nothing.
function controllerReading(model: LaunchBayModel, controllers: readonly Controller[], signal: string): number | null | undefined {
  const facts = controllers.find((c) => c.board.signals[signal] !== undefined)?.facts;
  if (!facts || signal === 'bay temperature') return undefined;
  const v = model.unperturbed(() => (signal === 'bay pressure' ? facts.bayKpa() : facts.chamberKpa(signal.slice(0, -' chamber pressure'.length))));
  return Number.isFinite(v) ? v : null;
}

/** Each sensor's truth; `controllers`: the running controllers (one, or a cluster's nodes'; none while powered off). */
export function sensorTruths(model: LaunchBayModel, controllers: readonly Controller[], signals: { signal: string; unit: string }[]): SensorTruth[] {
  return signals.map(({ signal, unit }) => {
    const physical = physicalOf(model, signal), fault = model.sensorFaults[signal];
    const gives = fault === undefined ? physical : fault.kind === 'stuck' ? fault.value : null;
    const reads = controllerReading(model, controllers, signal);
    const off = (v: number | null | undefined) => v === null || (v !== undefined && Math.abs(v - physical) > AGREE);
    return { signal, unit, physical, gives, reads, differs: off(gives) || off(reads) };
  });
}

/** The values an analog sensor can read: its calibration across the ADC's counts (undefined for a UART sensor). */
function sensorRange(board: Pick<Board, 'signals'>, signal: string): { min: number; max: number } | undefined {
  const w = board.signals[signal] as { wiring?: string; calibration?: { raw: [number, number]; value: [number, number] } } | undefined;
  if (w?.wiring !== 'analog' || !w.calibration) return undefined;
  const { raw, value } = w.calibration, at = (counts: number) => value[0] + ((counts - raw[0]) * (value[1] - value[0])) / (raw[1] - raw[0]);
  const ends = [at(0), at(FULL_SCALE)];
  return { min: Math.min(...ends), max: Math.max(...ends) };
}

/** Why a sensor cannot be stuck at `value`, or undefined if it can: an ADC reads only within its calibrated range. */
export function stuckRefusal(board: Pick<Board, 'signals' | 'name'>, signal: string, value: number): string | undefined {
  if (!Number.isFinite(value)) return `a stuck ${signal} reads a number, not ${value}`;
  const r = sensorRange(board, signal);
  if (!r || (value >= r.min && value <= r.max)) return undefined;
  return `${signal} on board ${board.name} is an analog input that reads ${r.min} to ${r.max} (its calibration across the ADC): it cannot be stuck at ${value}; choose "out of range" to pin it to full scale`;
}
