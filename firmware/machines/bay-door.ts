// Door E, the launch bay's door to space: MACHINES.md "Bay door", cell for cell, plus the fault row and
// columns of docs/COORDINATION.md ("Faults"): a missed deadline or a sensor fault stops it until an operator reset.
import { beep, defineMachine, impossible, noChange, to } from '../core';

const x = impossible;

export const bayDoor = defineMachine({
  name: 'bay door',
  initial: 'closed',
  states: ['open', 'closed', 'opening', 'closing', 'faulted'],
  events: ['open requested', 'close requested', 'finished opening', 'finished closing', 'deadline missed', 'sensor fault', 'reset'],
  matrix: {
    //         open requested   close requested  finished opening  finished closing  deadline missed  sensor fault   reset
    'open':    [noChange,       to('closing'),   x,                x,                x,               to('faulted'), beep],
    'closed':  [to('opening'),  noChange,        x,                x,                x,               to('faulted'), beep],
    'opening': [noChange,       to('closing'),   to('open'),       x,                to('faulted'),   to('faulted'), beep],
    'closing': [to('opening'),  noChange,        x,                to('closed'),     to('faulted'),   to('faulted'), beep],
    // Stopped where it stands; closing is the safe direction once an operator has cleared the fault.
    'faulted': [beep,           beep,            x,                x,                x,               noChange,      to('closing')],
  },
});
