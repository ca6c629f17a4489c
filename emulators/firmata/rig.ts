// The bench rig around a simulated Arduino: its pins wired, as the board file says, to the launch bay model's
// buttons, limit switches, door motors, pumps, indicators and (as potentiometers) pressure and temperature.
import type { Board } from '../../firmware/board/types';
import { sense, setOutput, switchActive } from '../../sim/provider/bindings';
import { buildPinTable } from '../../sim/provider/pin-table';
import type { LaunchBayModel } from '../../sim/physics';
import type { Rig } from './board';

export interface LaunchBayRigOptions {
  board: Board;
  model: LaunchBayModel;
  /** The ADC's resolution: a reading at the top of the calibration is 2^bits − 1. */
  adcBits: number;
  /** Signals the rig does not have (a bench without limit switches): their pins are left unconnected. */
  lacks?(signal: string): boolean;
}

export type LaunchBayRig = Rig & {
  /** What the board drives on a pin now (a level, or a PWM duty); 0 for a pin it never drove. */
  driven(pin: number): number;
};

export function launchBayRig(o: LaunchBayRigOptions): LaunchBayRig {
  const table = buildPinTable(o.board, o.model);
  const lacks = o.lacks ?? (() => false);
  const top = 2 ** o.adcBits - 1;
  const driven = new Map<number, number>();
  return {
    read(pin, pullUp) {
      const entry = table.digital.get(pin);
      // An open switch to ground leaves the pin to its pull-up; without one it floats, and reads low here.
      const idle = pullUp ? 1 : 0;
      if (!entry || !entry.input || lacks(entry.name)) return idle;
      if (switchActive(entry.sense!)) return entry.activeLevel;
      // An active-high switch has its own pull-down (see InputWiring); an active-low one relies on the pull-up.
      return entry.activeLevel === 1 ? 0 : idle;
    },
    sample(pin) {
      const entry = table.analog.get(pin);
      if (!entry || lacks(entry.name)) return 0;
      const value = sense(o.model, entry.name, entry.quantity);
      if (value !== value) return top; // out of range: the input is pinned to the rail
      const raw = Math.round(entry.raw0 + (value - entry.value0) * entry.countsPerUnit);
      return raw < 0 ? 0 : raw > top ? top : raw;
    },
    drive(pin, value, pwm) {
      driven.set(pin, value);
      const entry = table.digital.get(pin);
      if (!entry || entry.input || lacks(entry.name)) return;
      // An LED or relay on a PWM pin counts as on above half duty.
      const level = pwm ? (value >= 128 ? 1 : 0) : value;
      setOutput(entry.output!, level === entry.activeLevel);
    },
    driven: (pin) => driven.get(pin) ?? 0,
  };
}
