// The simulated world as plain data, so a simulator process that restarts (its controller rebooting) finds the
// bay as it left it: physics does not reboot with a controller. Read back leniently: only known, well-typed
// fields are taken, anything else falls back to a settled bay.
import { airlockLetters } from '../../firmware/board/signals';
import type { LaunchBayModel, LaunchBayOptions } from './model';

export interface WorldRecord {
  bay: { kPa: number; tempC: number };
  bayDoor: { position: number };
  airlocks: { [letter: string]: { chamberKpa: number; outer: { position: number }; inner: { position: number } } };
}

/** What survives a controller's restart: pressures, temperatures and door positions (actuators restart off). */
export function worldRecord(model: LaunchBayModel): WorldRecord {
  const airlocks: WorldRecord['airlocks'] = {};
  for (const l of airlockLetters) {
    const a = model.airlocks[l];
    airlocks[l] = { chamberKpa: a.chamberKpa, outer: { position: a.outer.position }, inner: { position: a.inner.position } };
  }
  return { bay: { kPa: model.bay.kPa, tempC: model.bay.tempC }, bayDoor: { position: model.bayDoor.position }, airlocks };
}

const num = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined);
const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, k) ? (o as { [x: string]: unknown })[k] : undefined);
const position = (door: unknown) => { const p = num(field(door, 'position'), 0, 1); return p === undefined ? undefined : { position: p }; };

/** Model options from a stored record (parsed JSON, possibly damaged). */
export function worldOptions(record: unknown): Pick<LaunchBayOptions, 'bay' | 'bayDoor' | 'airlocks'> {
  const bay = field(record, 'bay'), airlocks: NonNullable<LaunchBayOptions['airlocks']> = {};
  for (const l of airlockLetters) {
    const a = field(field(record, 'airlocks'), l);
    if (a === undefined) continue;
    airlocks[l] = { chamberKpa: num(field(a, 'chamberKpa'), 0, 200), outer: position(field(a, 'outer')), inner: position(field(a, 'inner')) };
  }
  return {
    bay: { kPa: num(field(bay, 'kPa'), 0, 200), tempC: num(field(bay, 'tempC'), -100, 100) },
    bayDoor: position(field(record, 'bayDoor')),
    airlocks,
  };
}
