// The bay environment against MACHINES.md "Bay environment": the matrix cell by cell, and vetoes.
import { describe, expect, it } from 'vitest';
import { bayEnvironment, createMachine } from '../../firmware';
import { byColumn, expectMatrix, vetoMismatches, type ExpectedMachine } from './matrix-check';

// Typed out from MACHINES.md, not from the firmware.
const x = 'impossible';
const expected: ExpectedMachine = {
  matrix: byColumn(['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak'], {
    'friendly':       ['no change',    'depressurizing', x,         x,          x,         'hostile'],
    'hostile':        ['pressurizing', 'no change',      x,         x,          x,         'no change'],
    'pressurizing':   ['no change',    'depressurizing', 'heating', x,          x,         'hostile'],
    'heating':        ['no change',    'depressurizing', x,         'friendly', x,         'hostile'],
    'depressurizing': ['pressurizing', 'no change',      x,         x,          'hostile', 'hostile'],
  }),
};

describe('bay environment', () => {
  it('starts friendly', () => {
    expect(createMachine(bayEnvironment).state).toBe('friendly');
  });

  it('follows the MACHINES.md matrix in every cell', () => {
    expectMatrix(bayEnvironment, expected);
  });

  it('stays where it is in every transitioning cell when a pre hook vetoes', () => {
    expect(vetoMismatches(bayEnvironment, expected)).toEqual([]);
  });
});
