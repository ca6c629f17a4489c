// An airlock (A, B, C or D): MACHINES.md "Airlock", cell for cell, with its decisions 1–5, plus the fault row
// and columns of docs/COORDINATION.md ("Faults"). The outer door faces the bay, the inner door the ship interior.
import { beep, defineMachine, followGoal, impossible, noChange, to, when, type Sensors } from '../core';

type AirlockSensors = Sensors<'bayHostile' | 'chamberPressurized' | 'outerDoorClosed'>;
export type AirlockGoal = 'inner open' | 'outer open friendly' | 'outer open hostile';

const outerGoal = (s: AirlockSensors): AirlockGoal => (s.bayHostile() ? 'outer open hostile' : 'outer open friendly');
const restingState = (s: AirlockSensors) => (s.chamberPressurized() ? 'closed pressurized' : 'closed depressurized');
const x = impossible;

export const airlock = defineMachine({
  name: 'airlock',
  initial: 'closed pressurized',
  states: ['closed pressurized', 'closed depressurized', 'opening outer', 'opening inner', 'closing outer', 'closing inner',
    'pressurizing', 'depressurizing', 'inner open', 'outer open friendly', 'outer open hostile', 'faulted'],
  events: ['ask open outer', 'ask open inner', 'finished pressurizing', 'finished depressurizing',
    'finished opening outer', 'finished opening inner', 'finished closing outer', 'finished closing inner',
    'deadline missed', 'sensor fault', 'reset'],
  // outerDoorClosed (its closed limit switch) is read only to recover from a fault: close whichever door is open.
  sensors: ['bayHostile', 'chamberPressurized', 'outerDoorClosed'],
  goals: ['inner open', 'outer open friendly', 'outer open hostile'],
  setsGoal: {
    'ask open outer': outerGoal,
    'ask open inner': () => 'inner open',
  },
  // Decision 3: the next step toward the goal, given the sensors now; an outer goal is re-read from bayHostile.
  follow: {
    goal: (goal, s) => (goal === undefined || goal === 'inner open' ? goal : outerGoal(s)),
    next(goal, s) {
      if (goal === undefined) return restingState(s);
      if (goal === 'inner open') return s.chamberPressurized() ? 'opening inner' : 'pressurizing';
      if (s.chamberPressurized() !== s.bayHostile()) return 'opening outer'; // chamber already matches the bay
      return s.chamberPressurized() ? 'depressurizing' : 'pressurizing';
    },
    rest: restingState,
  },
  matrix: {
    //                      ask open outer                                               ask open inner          fin. press.   fin. depress.  fin. opening outer                                                 fin. opening inner  fin. closing outer  fin. closing inner  deadline missed  sensor fault   reset
    'closed pressurized':   [when('bayHostile', to('depressurizing'), to('opening outer')), to('opening inner'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep],
    'closed depressurized': [when('bayHostile', to('opening outer'), to('pressurizing')),   to('pressurizing'),  x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep],
    'opening outer':        [beep,                                                          to('closing outer'), x,            x,             when('bayHostile', to('outer open hostile'), to('outer open friendly')), x,               x,                  x,                  to('faulted'),   to('faulted'), beep],
    'opening inner':        [to('closing inner'),                                           beep,                x,            x,             x,                                                                 to('inner open'),   x,                  x,                  to('faulted'),   to('faulted'), beep],
    'closing outer':        [to('opening outer'),                                           noChange,            x,            x,             x,                                                                 x,                  followGoal,         x,                  to('faulted'),   to('faulted'), beep],
    'closing inner':        [noChange,                                                      to('opening inner'), x,            x,             x,                                                                 x,                  x,                  followGoal,         to('faulted'),   to('faulted'), beep],
    // Decisions 1 and 2: reverse the pumps only when the re-read goal needs the other pressure.
    'pressurizing':         [when('bayHostile', to('depressurizing'), noChange),            noChange,            followGoal,   x,             x,                                                                 x,                  x,                  x,                  to('faulted'),   to('faulted'), beep],
    'depressurizing':       [when('bayHostile', noChange, to('pressurizing')),              to('pressurizing'),  x,            followGoal,    x,                                                                 x,                  x,                  x,                  to('faulted'),   to('faulted'), beep],
    'inner open':           [to('closing inner'),                                           beep,                x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep],
    'outer open friendly':  [beep,                                                          to('closing outer'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep],
    'outer open hostile':   [beep,                                                          to('closing outer'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep],
    // Everything stopped and asks refused; a reset closes whichever door is open (both never are), then follows the goal.
    'faulted':              [beep,                                                          beep,                x,            x,             x,                                                                 x,                  x,                  x,                  x,               noChange,      when('outerDoorClosed', to('closing inner'), to('closing outer'))],
  },
});
