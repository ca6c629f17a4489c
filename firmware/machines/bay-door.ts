// Door E, the launch bay's door to space: MACHINES.md "Bay door", cell for cell.
import { defineMachine, impossible, noChange, to } from '../core';

export const bayDoor = defineMachine({
  name: 'bay door',
  initial: 'closed',
  states: ['open', 'closed', 'opening', 'closing'],
  events: ['open requested', 'close requested', 'finished opening', 'finished closing'],
  matrix: {
    //         open requested   close requested  finished opening  finished closing
    'open':    [noChange,       to('closing'),   impossible,       impossible],
    'closed':  [to('opening'),  noChange,        impossible,       impossible],
    'opening': [noChange,       to('closing'),   to('open'),       impossible],
    'closing': [to('opening'),  noChange,        impossible,       to('closed')],
  },
});
