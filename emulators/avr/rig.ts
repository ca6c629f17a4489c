// An emulated board's rig: its pins wired, as the board file says, to the launch bay model. Buttons and limit switches
// drive the AVR's input pins, the door motors, pumps and indicators follow its output pins, and each pressure or
// temperature reaches its ADC as a voltage through the board's calibration.
import type { Board } from '../../firmware/board/types';
import { sense, setOutput, switchActive } from '../../sim/provider/bindings';
import { buildPinTable } from '../../sim/provider/pin-table';
import type { LaunchBayModel } from '../../sim/physics';
import type { ExternalDrive } from './core';
import type { EmulatedChip } from './emulated-chip';

/** The analog reference (AVcc on the Uno and the Mega) and the ADC's full scale. */
const VREF = 5, ADC_TOP = 1023;

export interface ChipRig {
  /** Sets the inputs and voltages from the model now: call it on every physics step. */
  sync(): void;
  /** A switch stuck where it is (true closed, false open), or free again (undefined): the rig's own fault. */
  stick(signal: string, closed: boolean | undefined): void;
  stop(): void;
}

/** `lacks(signal)`: parts the rig does not have (a bench without limit switches): their pins are left unconnected. */
export function wireChipToBay(o: { chip: EmulatedChip; board: Board; model: LaunchBayModel; lacks?(signal: string): boolean }): ChipRig {
  const table = buildPinTable(o.board, o.model);
  const stuck = new Map<string, boolean>();
  const driven = new Map<number, ExternalDrive>();
  const volts = new Map<number, number>();
  const lacks = o.lacks ?? (() => false);
  const inputs = [...table.digital.values()].filter((p) => p.input && !lacks(p.name));
  const outputs = [...table.digital.values()].filter((p) => !p.input && !lacks(p.name));
  const analogs = [...table.analog.values()].filter((a) => !lacks(a.name));

  // The parts follow the chip's outputs; a pin that drives nothing (an input, or the chip unpowered) runs nothing.
  const follow = (levels: number[]) => { for (const p of outputs) setOutput(p.output!, levels[p.pin] === p.activeLevel); };
  o.chip.on('pins', follow);
  follow(o.chip.levels);

  return {
    sync() {
      for (const p of inputs) {
        const closed = stuck.get(p.name) ?? switchActive(p.sense!);
        // A closed switch ties the pin to its active level; an open active-low one leaves it to the pull-up, an open
        // active-high one to its pull-down resistor.
        const d: ExternalDrive = closed ? (p.activeLevel as 0 | 1) : p.activeLevel === 1 ? 0 : null;
        if (driven.get(p.pin) !== d) { driven.set(p.pin, d); o.chip.drive(p.pin, d); }
      }
      for (const a of analogs) {
        const value = sense(o.model, a.name, a.quantity);
        // Out of range (NaN): the input is pinned to the rail.
        const raw = value !== value ? ADC_TOP : Math.min(ADC_TOP, Math.max(0, Math.round(a.raw0 + (value - a.value0) * a.countsPerUnit)));
        // The middle of the count's voltage band, so the chip's conversion gives exactly `raw`.
        const v = raw >= ADC_TOP ? VREF : ((raw + 0.5) * VREF) / (ADC_TOP + 1);
        if (volts.get(a.pin) !== v) { volts.set(a.pin, v); o.chip.volts(a.pin - o.chip.chip.analog0, v); }
      }
    },
    stick(signal, closed) {
      if (!inputs.some((p) => p.name === signal)) throw new Error(`emulated board's rig: no switch named ${JSON.stringify(signal)} on board ${o.board.name}`);
      if (closed === undefined) stuck.delete(signal); else stuck.set(signal, closed);
    },
    stop() { o.chip.off('pins', follow); },
  };
}
