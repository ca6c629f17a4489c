// The launch bay's air and heat: MACHINES.md "Bay environment", cell for cell, plus the fault row and columns
// of docs/COORDINATION.md ("Faults"). `friendly` is warm and pressurized; `hostile` is vacuum (space suit required).
import { beep, defineMachine, fromSensors, impossible, noChange, to, type Sensors } from '../core';

const x = impossible;

/**
 * The state the bay's sensors show. Door E open to space, or a bay at vacuum: hostile (suit required). Full and
 * warm: friendly. Anything else (between full and empty, or full but cold): holding, at rest where it is. No
 * direction is assumed: after a reset or a reboot nothing pumps, vents or heats until the deck is asked anew.
 */
export const environmentFromSensors = (s: Sensors<'bayDoorClosed' | 'bayFull' | 'bayEmpty' | 'bayWarm'>) =>
  !s.bayDoorClosed() || s.bayEmpty() ? 'hostile' : s.bayFull() && s.bayWarm() ? 'friendly' : 'holding';

export const bayEnvironment = defineMachine({
  name: 'bay environment',
  initial: 'friendly',
  states: ['friendly', 'hostile', 'pressurizing', 'heating', 'depressurizing', 'holding', 'faulted'],
  events: ['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak',
    'deadline missed', 'sensor fault', 'reset', 'cooled'],
  // Read only by the reset cell: after a fault no state is assumed (docs/COORDINATION.md, "Faults").
  sensors: ['bayDoorClosed', 'bayFull', 'bayEmpty', 'bayWarm'],
  sense: environmentFromSensors,
  matrix: {
    //                friendly requested    hostile requested      finished pressurizing  finished heating  finished depressurizing  leak           deadline missed  sensor fault   reset        cooled
    // Friendly is warm for as long as it claims it: its thermostat keeps it so, and a bay that cools anyway heats again.
    'friendly':       [noChange,            to('depressurizing'),  x,                     x,                x,                       to('hostile'), x,               to('faulted'), beep,        to('heating')],
    'hostile':        [to('pressurizing'),  noChange,              x,                     x,                x,                       noChange,      x,               to('faulted'), beep,        noChange],
    'pressurizing':   [noChange,            to('depressurizing'),  to('heating'),         x,                x,                       to('hostile'), to('faulted'),   to('faulted'), beep,        noChange],
    'heating':        [noChange,            to('depressurizing'),  x,                     to('friendly'),   x,                       to('hostile'), to('faulted'),   to('faulted'), beep,        noChange],
    'depressurizing': [to('pressurizing'),  noChange,              x,                     x,                to('hostile'),           to('hostile'), to('faulted'),   to('faulted'), beep,        noChange],
    // At rest where a reset or a reboot found it (between full and empty, or cold): pumps, vent and heater off.
    'holding':        [to('pressurizing'),  to('depressurizing'),  x,                     x,                x,                       to('hostile'), x,               to('faulted'), beep,        noChange],
    // Pumps, vent and heater off. A reset takes the state the sensors show, at rest; only a new request moves it.
    'faulted':        [beep,                beep,                  x,                     x,                x,                       noChange,      x,               noChange,      fromSensors, noChange],
  },
});
