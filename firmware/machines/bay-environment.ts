// The launch bay's air and heat: MACHINES.md "Bay environment", cell for cell.
// `friendly` is warm and pressurized; `hostile` is vacuum (space suit required).
import { defineMachine, impossible, noChange, to } from '../core';

export const bayEnvironment = defineMachine({
  name: 'bay environment',
  initial: 'friendly',
  states: ['friendly', 'hostile', 'pressurizing', 'heating', 'depressurizing'],
  events: ['friendly requested', 'hostile requested', 'finished pressurizing', 'finished heating', 'finished depressurizing', 'leak'],
  matrix: {
    //                friendly requested    hostile requested      finished pressurizing  finished heating  finished depressurizing  leak
    'friendly':       [noChange,            to('depressurizing'),  impossible,            impossible,       impossible,              to('hostile')],
    'hostile':        [to('pressurizing'),  noChange,              impossible,            impossible,       impossible,              noChange],
    'pressurizing':   [noChange,            to('depressurizing'),  to('heating'),         impossible,       impossible,              to('hostile')],
    'heating':        [noChange,            to('depressurizing'),  impossible,            to('friendly'),   impossible,              to('hostile')],
    'depressurizing': [to('pressurizing'),  noChange,              impossible,            impossible,       to('hostile'),           to('hostile')],
  },
});
