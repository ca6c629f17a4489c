// The bay environment against MACHINES.md "Bay environment": the matrix cell by cell, and vetoes.
import { describe, expect, it } from 'vitest';
import { bayEnvironment, createMachine } from '../../firmware';
import { byColumn, expectMatrix, vetoMismatches, type ExpectedMachine, type Situation } from './matrix-check';

// Typed out from MACHINES.md, not from the firmware.
// The fault row and columns are docs/COORDINATION.md's ("Faults").
const x = 'impossible';
const F = 'faulted';
type Sn = 'bayDoorClosed' | 'bayFull' | 'bayEmpty' | 'bayWarm';
// A reset takes the state the sensors show, at rest: door E open or a bay at vacuum is hostile, full and warm is
// friendly, and anything else (between, or full but cold) holds where it is: nothing pumps, vents or heats.
const fromSensors = (s: Situation<Sn>) =>
  (!s.bayDoorClosed || s.bayEmpty ? 'hostile' : s.bayFull && s.bayWarm ? 'friendly' : 'holding');
const expected: ExpectedMachine<Sn> = {
  sensors: ['bayDoorClosed', 'bayFull', 'bayEmpty', 'bayWarm'],
  matrix: byColumn<Sn>(['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak',
    'deadline missed', 'sensor fault', 'reset', 'cooled'], {
    'friendly':       ['no change',    'depressurizing', x,         x,          x,         'hostile',   x, F,           'beep',      'heating'],
    'hostile':        ['pressurizing', 'no change',      x,         x,          x,         'no change', x, F,           'beep',      'no change'],
    'pressurizing':   ['no change',    'depressurizing', 'heating', x,          x,         'hostile',   F, F,           'beep',      'no change'],
    'heating':        ['no change',    'depressurizing', x,         'friendly', x,         'hostile',   F, F,           'beep',      'no change'],
    'depressurizing': ['pressurizing', 'no change',      x,         x,          'hostile', 'hostile',   F, F,           'beep',      'no change'],
    'holding':        ['pressurizing', 'depressurizing', x,         x,          x,         'hostile',   x, F,           'beep',      'no change'],
    'faulted':        ['beep',         'beep',           x,         x,          x,         'no change', x, 'no change', fromSensors, 'no change'],
  }),
};

describe('bay environment', () => {
  it('starts friendly', () => {
    const no = () => false;
    expect(createMachine(bayEnvironment, { sensors: { bayDoorClosed: no, bayFull: no, bayEmpty: no, bayWarm: no } }).state).toBe('friendly');
  });

  it('follows the MACHINES.md matrix in every cell', () => {
    expectMatrix(bayEnvironment, expected);
  });

  it('stays where it is in every transitioning cell when a pre hook vetoes', () => {
    expect(vetoMismatches(bayEnvironment, expected)).toEqual([]);
  });
});
