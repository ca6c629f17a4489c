// The launch bay's air and heat: MACHINES.md "Bay environment", cell for cell, plus the fault row and columns
// of docs/COORDINATION.md ("Faults"). `friendly` is warm and pressurized; `hostile` is vacuum (space suit required).
import { beep, defineMachine, fromSensors, impossible, noChange, to, type Sensors } from '../core';

const x = impossible;

/**
 * The state the bay's sensors show. Door E open to space, or a bay at vacuum: hostile (suit required). Full:
 * friendly when warm, else heating. Anything between: depressurizing, the safe direction (the vent finishes it).
 */
export const environmentFromSensors = (s: Sensors<'bayDoorClosed' | 'bayFull' | 'bayEmpty' | 'bayWarm'>) =>
  !s.bayDoorClosed() || s.bayEmpty() ? 'hostile' : s.bayFull() ? (s.bayWarm() ? 'friendly' : 'heating') : 'depressurizing';

export const bayEnvironment = defineMachine({
  name: 'bay environment',
  initial: 'friendly',
  states: ['friendly', 'hostile', 'pressurizing', 'heating', 'depressurizing', 'faulted'],
  events: ['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak',
    'deadline missed', 'sensor fault', 'reset'],
  // Read only by the reset cell: after a fault no state is assumed (docs/COORDINATION.md, "Faults").
  sensors: ['bayDoorClosed', 'bayFull', 'bayEmpty', 'bayWarm'],
  sense: environmentFromSensors,
  matrix: {
    //                friendly requested    hostile requested      finished pressurizing  finished heating  finished depressurizing  leak           deadline missed  sensor fault   reset
    'friendly':       [noChange,            to('depressurizing'),  x,                     x,                x,                       to('hostile'), x,               to('faulted'), beep],
    'hostile':        [to('pressurizing'),  noChange,              x,                     x,                x,                       noChange,      x,               to('faulted'), beep],
    'pressurizing':   [noChange,            to('depressurizing'),  to('heating'),         x,                x,                       to('hostile'), to('faulted'),   to('faulted'), beep],
    'heating':        [noChange,            to('depressurizing'),  x,                     to('friendly'),   x,                       to('hostile'), to('faulted'),   to('faulted'), beep],
    'depressurizing': [to('pressurizing'),  noChange,              x,                     x,                to('hostile'),           to('hostile'), to('faulted'),   to('faulted'), beep],
    // Pumps, vent and heater off. A reset takes the state the sensors show; the deck then drives it back on evidence.
    'faulted':        [beep,                beep,                  x,                     x,                x,                       noChange,      x,               noChange,      fromSensors],
  },
});
