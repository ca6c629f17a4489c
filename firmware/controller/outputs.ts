// States to outputs, as data: what each machine's state asks of its actuators. Every state not listed is "all stopped".
import type { MotorCommand } from '../../hal/drivers';

export interface AirlockOutputs { outer: MotorCommand; inner: MotorCommand; pump: boolean; vent: boolean }
export interface BayOutputs { pump: boolean; vent: boolean; heater: boolean }

const stoppedAirlock: AirlockOutputs = { outer: 'stop', inner: 'stop', pump: false, vent: false };
const stillBay: BayOutputs = { pump: false, vent: false, heater: false };

const airlockTable: { [state: string]: AirlockOutputs } = {
  'opening outer': { ...stoppedAirlock, outer: 'open' },
  'closing outer': { ...stoppedAirlock, outer: 'close' },
  'opening inner': { ...stoppedAirlock, inner: 'open' },
  'closing inner': { ...stoppedAirlock, inner: 'close' },
  'pressurizing': { ...stoppedAirlock, pump: true },
  // The chamber is pumped out to the ship's tanks through its vent valve.
  'depressurizing': { ...stoppedAirlock, vent: true },
};

const bayDoorTable: { [state: string]: MotorCommand } = { opening: 'open', closing: 'close' };

const bayTable: { [state: string]: BayOutputs } = {
  pressurizing: { ...stillBay, pump: true },
  heating: { ...stillBay, heater: true },
  depressurizing: { ...stillBay, vent: true },
  // Hostile means vacuum or losing air: the vent stays open, so after a breach the bay vents what is left (G3)
  // and a hostile bay stays empty.
  hostile: { ...stillBay, vent: true },
};

// Faulted: a missed deadline stops the part where it stands (a jam must not be driven); a sensor fault closes
// the doors, the fail-safe position, since their readings can no longer be trusted to keep them open.
const closedAirlock: AirlockOutputs = { ...stoppedAirlock, outer: 'close', inner: 'close' };

export const airlockOutputs = (state: string, event?: string): AirlockOutputs =>
  (state === 'faulted' && event === 'sensor fault' ? closedAirlock : airlockTable[state] ?? stoppedAirlock);
export const bayDoorOutput = (state: string, event?: string): MotorCommand =>
  (state === 'faulted' && event === 'sensor fault' ? 'close' : bayDoorTable[state] ?? 'stop');
export const bayOutputs = (state: string): BayOutputs => bayTable[state] ?? stillBay;
