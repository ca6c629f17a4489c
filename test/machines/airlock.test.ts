// An airlock against MACHINES.md "Airlock": every cell in every goal and sensor reading, and decisions 1–5 on vetoes.
import { describe, expect, it } from 'vitest';
import { airlock, createMachine, to, type AirlockGoal, type PreHook } from '../../firmware';
import { byColumn, expectMatrix, matrixMismatches, redefine, vetoMismatches, type ExpectedMachine, type Outcome, type Situation } from './matrix-check';

type Sn = 'bayHostile' | 'chamberPressurized' | 'chamberEmpty' | 'outerDoorClosed';
type S = Situation<Sn>;

// Typed out from MACHINES.md, not from the firmware. A chamber between full and empty is neither pressurized nor
// depressurized: it is not at rest, and fills (docs/COORDINATION.md, "States are true").
const outerGoal = (s: S) => (s.bayHostile ? 'outer open hostile' : 'outer open friendly');
const rest = (s: S) => (s.chamberPressurized ? 'closed pressurized' : s.chamberEmpty ? 'closed depressurized' : 'pressurizing');

// Decision 3: the next step toward the goal, given the sensors now; an outer goal is re-read from bayHostile.
function followGoal(s: S): Outcome {
  if (s.goal === undefined) return rest(s);
  if (s.goal === 'inner open') return s.chamberPressurized ? 'opening inner' : 'pressurizing';
  const goal = outerGoal(s);
  const matchesBay = s.bayHostile ? s.chamberEmpty : s.chamberPressurized;
  if (matchesBay) return { state: 'opening outer', goal };
  return { state: s.bayHostile ? 'depressurizing' : 'pressurizing', goal };
}

// Invariant 8: a chamber just closed off from the bay holds whatever the bay had, perhaps right on the "full" line,
// so it is pumped to a definite pressure whatever its reading: ship air, unless bound for a hostile bay.
function afterOuterClosed(s: S): Outcome {
  if (s.goal === undefined || s.goal === 'inner open') return 'pressurizing';
  return { state: s.bayHostile ? 'depressurizing' : 'pressurizing', goal: outerGoal(s) };
}

// Fault recovery (docs/COORDINATION.md): close whichever door is open, the outer one first; the goal is gone
// (invariant 9: nothing moves later on a goal from before the fault).
const recover = (s: S): Outcome => ({ state: s.outerDoorClosed ? 'closing inner' : 'closing outer', goal: undefined });

const x = 'impossible';
const F = 'faulted';
const expected: ExpectedMachine<Sn> = {
  sensors: ['bayHostile', 'chamberPressurized', 'chamberEmpty', 'outerDoorClosed'],
  goals: [undefined, 'inner open', 'outer open friendly', 'outer open hostile'],
  setsGoal: { 'ask open outer': outerGoal, 'ask open inner': () => 'inner open' },
  matrix: byColumn<Sn>(
    ['ask open outer', 'ask open inner', 'finished pressurizing', 'finished depressurizing',
      'finished opening outer', 'finished opening inner', 'finished closing outer', 'finished closing inner',
      'deadline missed', 'sensor fault', 'reset', 'bay changing'], {
      'closed pressurized':   [(s) => (s.bayHostile ? 'depressurizing' : 'opening outer'), 'opening inner', x, x, x, x, x, x, x, F, 'beep', 'no change'],
      'closed depressurized': [(s) => (s.bayHostile ? 'opening outer' : 'pressurizing'), 'pressurizing', x, x, x, x, x, x, x, F, 'beep', 'no change'],
      // G1: an outer door still opening closes again when the bay starts to change; its goal stays.
      'opening outer':        ['beep', 'closing outer', x, x, (s) => (s.bayHostile ? 'outer open hostile' : 'outer open friendly'), x, x, x, F, F, 'beep', 'closing outer'],
      'opening inner':        ['closing inner', 'beep', x, x, x, 'inner open', x, x, F, F, 'beep', 'no change'],
      'closing outer':        ['opening outer', 'no change', x, x, x, x, afterOuterClosed, x, F, F, 'beep', 'no change'],
      'closing inner':        ['no change', 'opening inner', x, x, x, x, x, followGoal, F, F, 'beep', 'no change'],
      // Decisions 1 and 2: reverse the pumps only when the new goal needs the other pressure.
      'pressurizing':         [(s) => (s.bayHostile ? 'depressurizing' : 'no change'), 'no change', followGoal, x, x, x, x, x, F, F, 'beep', 'no change'],
      'depressurizing':       [(s) => (s.bayHostile ? 'no change' : 'pressurizing'), 'pressurizing', x, followGoal, x, x, x, x, F, F, 'beep', 'no change'],
      'inner open':           ['closing inner', 'beep', x, x, x, x, x, x, x, F, 'beep', 'no change'],
      'outer open friendly':  ['beep', 'closing outer', x, x, x, x, x, x, x, F, 'beep', 'no change'],
      'outer open hostile':   ['beep', 'closing outer', x, x, x, x, x, x, x, F, 'beep', 'no change'],
      'faulted':              ['beep', 'beep', x, x, x, x, x, x, x, 'no change', recover, 'no change'],
    }),
};

interface Start { state?: string; goal?: AirlockGoal; bayHostile?: boolean; chamberPressurized?: boolean; pre?: PreHook }
const start = ({ state = 'closed pressurized', goal, bayHostile = false, chamberPressurized = true, pre }: Start) =>
  createMachine(airlock, {
    state: state as never, goal, pre,
    sensors: { bayHostile: () => bayHostile, chamberPressurized: () => chamberPressurized, chamberEmpty: () => !chamberPressurized, outerDoorClosed: () => true },
  });
const veto: PreHook = () => false;

describe('airlock', () => {
  it('starts closed pressurized with no goal', () => {
    const lock = createMachine(airlock, { sensors: { bayHostile: () => false, chamberPressurized: () => true, chamberEmpty: () => false, outerDoorClosed: () => true } });
    expect([lock.state, lock.goal]).toEqual(['closed pressurized', undefined]);
  });

  it('follows the MACHINES.md matrix, goal included, in every goal and sensor reading', () => {
    expectMatrix(airlock, expected);
  });

  it('changes neither state nor goal in any transitioning cell when a pre hook vetoes', () => {
    expect(vetoMismatches(airlock, expected)).toEqual([]);
  });

  it('keeps its goal when a request is vetoed (decision 4)', () => {
    const lock = start({ goal: 'outer open friendly', pre: veto });
    lock.handle('ask open inner');
    expect([lock.state, lock.goal]).toEqual(['closed pressurized', 'outer open friendly']);
  });

  it('passes a goal-only change through the pre hook (decision 5)', () => {
    const seen: string[] = [];
    const lock = start({ state: 'pressurizing', goal: 'inner open', pre: (t) => { seen.push(`${t.from} → ${t.to}, ${t.goalBefore} → ${t.goalAfter}`); } });
    lock.handle('ask open outer');
    expect(seen).toEqual(['pressurizing → pressurizing, inner open → outer open friendly']);
    expect([lock.state, lock.goal]).toEqual(['pressurizing', 'outer open friendly']);
  });

  it('keeps the old goal when a goal-only change is vetoed: pressurizing + ask open outer, friendly bay (decision 5)', () => {
    const lock = start({ state: 'pressurizing', goal: 'inner open', pre: veto });
    lock.handle('ask open outer');
    expect([lock.state, lock.goal]).toEqual(['pressurizing', 'inner open']);
  });

  it.each([
    { chamberPressurized: true, next: 'opening inner', resting: 'closed pressurized' },
    { chamberPressurized: false, next: 'pressurizing', resting: 'closed depressurized' },
  ])('rests in $resting with its goal pending when the step to $next is vetoed', ({ chamberPressurized, next, resting }) => {
    const lock = start({ state: 'closing inner', goal: 'inner open', chamberPressurized, pre: (t) => t.to !== next });
    lock.handle('finished closing inner');
    expect([lock.state, lock.goal]).toEqual([resting, 'inner open']);
  });

  it('pumps a chamber just closed off from the bay, whatever it reads (invariant 8)', () => {
    for (const chamberPressurized of [true, false]) {
      const lock = start({ state: 'closing outer', goal: 'inner open', chamberPressurized });
      lock.handle('finished closing outer');
      expect([lock.state, lock.goal]).toEqual(['pressurizing', 'inner open']);
    }
  });

  it('changes nothing when both the step toward the goal and the rest are vetoed', () => {
    const asked: string[] = [];
    const lock = start({ state: 'closing inner', goal: 'inner open', pre: (t) => { asked.push(t.to); return false; } });
    lock.handle('finished closing inner');
    expect(asked).toEqual(['opening inner', 'closed pressurized']);
    expect([lock.state, lock.goal]).toEqual(['closing inner', 'inner open']);
  });

  it('tells its beep listeners of an ask for the door already opening, and changes nothing', () => {
    const beeps: string[] = [];
    const lock = createMachine(airlock, {
      state: 'opening outer', goal: 'outer open friendly', onBeep: (m, state, event) => { beeps.push(`${m.name}, ${state}, ${event}`); },
      sensors: { bayHostile: () => true, chamberPressurized: () => true, chamberEmpty: () => false, outerDoorClosed: () => true },
    });
    lock.handle('ask open outer');
    expect(beeps).toEqual(['airlock, opening outer, ask open outer']);
    expect([lock.state, lock.goal]).toEqual(['opening outer', 'outer open friendly']);
  });

  it('gives its hooks the goal before and after the request', () => {
    const seen: object[] = [];
    const copy: PreHook = (t) => { seen.push({ from: t.from, to: t.to, event: t.event, goalBefore: t.goalBefore, goalAfter: t.goalAfter }); };
    const lock = createMachine(airlock, { pre: copy, post: copy, sensors: { bayHostile: () => true, chamberPressurized: () => true, chamberEmpty: () => false, outerDoorClosed: () => true } });
    lock.handle('ask open outer');
    const step = { from: 'closed pressurized', to: 'depressurizing', event: 'ask open outer', goalBefore: undefined, goalAfter: 'outer open hostile' };
    expect(seen).toEqual([step, step]);
  });

  it('gives its hooks the outer goal as re-read from bayHostile when following the goal', () => {
    const seen: string[] = [];
    const pre: PreHook = (t) => { seen.push(`${t.event}: ${t.from} → ${t.to}, ${t.goalBefore} → ${t.goalAfter}`); };
    const lock = start({ state: 'closing inner', goal: 'outer open hostile', pre });
    lock.handle('finished closing inner');
    expect(seen).toEqual(['finished closing inner: closing inner → opening outer, outer open hostile → outer open friendly']);
  });

  it('has its matrix check name the goal and sensors of every situation where an altered cell differs', () => {
    const mutant = redefine(airlock, [['closed pressurized', 'ask open outer', to('opening outer')]]);
    const situations = ['undefined', 'inner open', 'outer open friendly', 'outer open hostile']
      .flatMap((goal) => [`goal=${goal}, bayHostile, !chamberPressurized`, `goal=${goal}, bayHostile, chamberPressurized`])
      .flatMap((where) => [`${where}, !chamberEmpty`, `${where}, chamberEmpty`])
      .flatMap((where) => [`${where}, !outerDoorClosed`, `${where}, outerDoorClosed`]);
    expect(matrixMismatches(mutant, expected)).toEqual(
      situations.map((where) => `closed pressurized [${where}] + ask open outer != depressurizing -- new state = opening outer instead`));
  });

  it('has its matrix check report a goal set wrongly even where the state is right', () => {
    const mutant = redefine(airlock, [], { 'ask open inner': () => 'outer open friendly' });
    expect(matrixMismatches(mutant, expected)).toContain(
      'closed depressurized [goal=undefined, !bayHostile, !chamberPressurized, !chamberEmpty, !outerDoorClosed] + ask open inner != pressurizing, goal=inner open'
      + ' -- new state = pressurizing, goal=outer open friendly instead');
  });
});
