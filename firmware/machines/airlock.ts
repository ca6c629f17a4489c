// An airlock (A, B, C or D): MACHINES.md "Airlock", cell for cell, with its decisions 1–5, plus the fault row
// and columns and the `bay changing` column of docs/COORDINATION.md. The outer door faces the bay, the inner
// door the ship interior.
import { beep, defineMachine, followGoal, impossible, noChange, to, when, type Sensors } from '../core';

type AirlockSensors = Sensors<'bayHostile' | 'chamberPressurized' | 'chamberEmpty' | 'outerDoorClosed'>;
export type AirlockGoal = 'inner open' | 'outer open friendly' | 'outer open hostile';

const outerGoal = (s: AirlockSensors): AirlockGoal => (s.bayHostile() ? 'outer open hostile' : 'outer open friendly');
// A rest state is a claim about the chamber: a chamber between full and empty is not at rest, it fills (ship air
// is safe to breathe) until `closed pressurized` is true.
const restingState = (s: AirlockSensors) =>
  (s.chamberPressurized() ? 'closed pressurized' : s.chamberEmpty() ? 'closed depressurized' : 'pressurizing');
const x = impossible;

export const airlock = defineMachine({
  name: 'airlock',
  initial: 'closed pressurized',
  states: ['closed pressurized', 'closed depressurized', 'opening outer', 'opening inner', 'closing outer', 'closing inner',
    'pressurizing', 'depressurizing', 'inner open', 'outer open friendly', 'outer open hostile', 'faulted'],
  events: ['ask open outer', 'ask open inner', 'finished pressurizing', 'finished depressurizing',
    'finished opening outer', 'finished opening inner', 'finished closing outer', 'finished closing inner',
    'deadline missed', 'sensor fault', 'reset', 'bay changing'],
  // chamberPressurized and chamberEmpty are one definition of full and empty (firmware/thresholds.ts): a chamber
  // between is neither. outerDoorClosed (its closed limit switch) is read only to recover from a fault.
  sensors: ['bayHostile', 'chamberPressurized', 'chamberEmpty', 'outerDoorClosed'],
  goals: ['inner open', 'outer open friendly', 'outer open hostile'],
  setsGoal: {
    'ask open outer': outerGoal,
    'ask open inner': () => 'inner open',
    // Invariant 9: a reset brings the airlock to rest; nothing moves later on a goal from before the fault.
    'reset': () => undefined,
  },
  // Decision 3: the next step toward the goal, given the sensors now; an outer goal is re-read from bayHostile.
  follow: {
    goal: (goal, s) => (goal === undefined || goal === 'inner open' ? goal : outerGoal(s)),
    next(goal, s, from) {
      // A chamber just closed off from the bay holds whatever the bay had, which can sit on any line: it is pumped
      // to a definite pressure (ship air unless bound for a hostile bay), never judged by a reading that noise could
      // put on either side of "full" (invariant 8). Pumping a full chamber finishes at the next scan.
      if (from === 'closing outer') return goal !== undefined && goal !== 'inner open' && s.bayHostile() ? 'depressurizing' : 'pressurizing';
      if (goal === undefined) return restingState(s);
      if (goal === 'inner open') return s.chamberPressurized() ? 'opening inner' : 'pressurizing';
      // The chamber already matches the bay (empty and hostile, or full and friendly): open; else pump toward it.
      if (s.bayHostile()) return s.chamberEmpty() ? 'opening outer' : 'depressurizing';
      return s.chamberPressurized() ? 'opening outer' : 'pressurizing';
    },
    rest: restingState,
  },
  matrix: {
    //                      ask open outer                                               ask open inner          fin. press.   fin. depress.  fin. opening outer                                                 fin. opening inner  fin. closing outer  fin. closing inner  deadline missed  sensor fault   reset                                                              bay changing
    'closed pressurized':   [when('bayHostile', to('depressurizing'), to('opening outer')), to('opening inner'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep,                                                              noChange],
    'closed depressurized': [when('bayHostile', to('opening outer'), to('pressurizing')),   to('pressurizing'),  x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep,                                                              noChange],
    // Rule 3 (G1): an outer door that has only started opening is closed again when the bay starts to change; the goal stays.
    'opening outer':        [beep,                                                          to('closing outer'), x,            x,             when('bayHostile', to('outer open hostile'), to('outer open friendly')), x,               x,                  x,                  to('faulted'),   to('faulted'), beep,                                                              to('closing outer')],
    'opening inner':        [to('closing inner'),                                           beep,                x,            x,             x,                                                                 to('inner open'),   x,                  x,                  to('faulted'),   to('faulted'), beep,                                                              noChange],
    'closing outer':        [to('opening outer'),                                           noChange,            x,            x,             x,                                                                 x,                  followGoal,         x,                  to('faulted'),   to('faulted'), beep,                                                              noChange],
    'closing inner':        [noChange,                                                      to('opening inner'), x,            x,             x,                                                                 x,                  x,                  followGoal,         to('faulted'),   to('faulted'), beep,                                                              noChange],
    // Decisions 1 and 2: reverse the pumps only when the re-read goal needs the other pressure.
    'pressurizing':         [when('bayHostile', to('depressurizing'), noChange),            noChange,            followGoal,   x,             x,                                                                 x,                  x,                  x,                  to('faulted'),   to('faulted'), beep,                                                              noChange],
    'depressurizing':       [when('bayHostile', noChange, to('pressurizing')),              to('pressurizing'),  x,            followGoal,    x,                                                                 x,                  x,                  x,                  to('faulted'),   to('faulted'), beep,                                                              noChange],
    'inner open':           [to('closing inner'),                                           beep,                x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep,                                                              noChange],
    'outer open friendly':  [beep,                                                          to('closing outer'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep,                                                              noChange],
    'outer open hostile':   [beep,                                                          to('closing outer'), x,            x,             x,                                                                 x,                  x,                  x,                  x,               to('faulted'), beep,                                                              noChange],
    // Everything stopped and asks refused; a reset closes whichever door is open (both never are), clears the goal, and rests.
    'faulted':              [beep,                                                          beep,                x,            x,             x,                                                                 x,                  x,                  x,                  x,               noChange,      when('outerDoorClosed', to('closing inner'), to('closing outer')), noChange],
  },
});
