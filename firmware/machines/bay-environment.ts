// The launch bay's air and heat: MACHINES.md "Bay environment", cell for cell, plus the fault row and columns
// of docs/COORDINATION.md ("Faults"). `friendly` is warm and pressurized; `hostile` is vacuum (space suit required).
import { beep, defineMachine, impossible, noChange, to } from '../core';

const x = impossible;

export const bayEnvironment = defineMachine({
  name: 'bay environment',
  initial: 'friendly',
  states: ['friendly', 'hostile', 'pressurizing', 'heating', 'depressurizing', 'faulted'],
  events: ['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak',
    'deadline missed', 'sensor fault', 'reset'],
  matrix: {
    //                friendly requested    hostile requested      finished pressurizing  finished heating  finished depressurizing  leak           deadline missed  sensor fault   reset
    'friendly':       [noChange,            to('depressurizing'),  x,                     x,                x,                       to('hostile'), x,               to('faulted'), beep],
    'hostile':        [to('pressurizing'),  noChange,              x,                     x,                x,                       noChange,      x,               to('faulted'), beep],
    'pressurizing':   [noChange,            to('depressurizing'),  to('heating'),         x,                x,                       to('hostile'), to('faulted'),   to('faulted'), beep],
    'heating':        [noChange,            to('depressurizing'),  x,                     to('friendly'),   x,                       to('hostile'), to('faulted'),   to('faulted'), beep],
    'depressurizing': [to('pressurizing'),  noChange,              x,                     x,                to('hostile'),           to('hostile'), to('faulted'),   to('faulted'), beep],
    // Pumps, vent and heater off. A reset assumes the worst (hostile); the deck then drives it back on evidence.
    'faulted':        [beep,                beep,                  x,                     x,                x,                       noChange,      x,               noChange,      to('hostile')],
  },
});
