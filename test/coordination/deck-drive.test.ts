// The battle deck drives door E and the environment in a safe order and claims its state only on evidence.
import { describe, expect, it } from 'vitest';
import type { LaunchBaySystem } from '../../firmware/system';
import { EMPTY, FULL, logicBay } from './logic-bay';

const states = (sys: LaunchBaySystem) => [sys.machines['battle deck']!.state, sys.machines['bay door']!.state, sys.machines['bay environment']!.state];
let bay = logicBay();
const system = (initial = {}, options = {}) => { bay = logicBay(initial, options); return bay.sys; };
const emptyBay = { 'bay environment': { state: 'hostile' } };

describe('the deck drive', () => {
  it('readies from relaxed by emptying the bay, and claims ready only once it is hostile', () => {
    const sys = system();
    sys.send('battle deck', 'ready requested');
    expect(states(sys)).toEqual(['readying', 'closed', 'depressurizing']);
    bay.kPa.bay = EMPTY;
    sys.send('bay environment', 'finished depressurizing');
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
  });

  it('activates by emptying the bay first and opening door E only once the bay is hostile', () => {
    const sys = system();
    sys.send('battle deck', 'active requested');
    expect(states(sys)).toEqual(['activating', 'closed', 'depressurizing']);
    bay.kPa.bay = EMPTY;
    sys.send('bay environment', 'finished depressurizing');
    expect(states(sys)).toEqual(['activating', 'opening', 'hostile']);
    sys.send('bay door', 'finished opening');
    expect(states(sys)).toEqual(['active', 'open', 'hostile']);
  });

  it('relaxes from active by closing door E before the bay pressurizes, with its goal relaxed throughout', () => {
    const sys = system({ 'battle deck': { state: 'active', goal: 'active' }, 'bay door': { state: 'open' }, 'bay environment': { state: 'hostile' } });
    bay.kPa.bay = EMPTY;
    sys.send('battle deck', 'relaxed requested');
    expect(states(sys)).toEqual(['relaxing', 'closing', 'hostile']);
    sys.send('bay door', 'finished closing');
    expect(states(sys)).toEqual(['relaxing', 'closed', 'pressurizing']);
    bay.kPa.bay = FULL;
    sys.send('bay environment', 'finished pressurizing');
    expect(sys.machines['battle deck']!.goal).toBe('relaxed');
    sys.send('bay environment', 'finished heating');
    expect(states(sys)).toEqual(['relaxed', 'closed', 'friendly']);
  });

  it('re-targets relaxed while readying with the bay half empty: it refills the bay', () => {
    const sys = system();
    sys.send('battle deck', 'ready requested');
    sys.send('battle deck', 'relaxed requested');
    expect(states(sys)).toEqual(['relaxing', 'closed', 'pressurizing']);
  });

  it('re-targets ready while relaxing with the door still closing: it lets the door close and claims ready', () => {
    const sys = system({ 'battle deck': { state: 'active', goal: 'active' }, 'bay door': { state: 'open' }, 'bay environment': { state: 'hostile' } });
    sys.send('battle deck', 'relaxed requested');
    sys.send('battle deck', 'ready requested');
    expect(states(sys)).toEqual(['readying', 'closing', 'hostile']);
    sys.send('bay door', 'finished closing');
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
  });

  it('refuses a direct request that would change the environment against the deck goal (rule 1)', () => {
    const sys = system();
    sys.send('bay environment', 'hostile requested');
    expect(sys.machines['bay environment']!.state).toBe('friendly');
  });

  it('refuses to open door E unless the bay is hostile (rule 2)', () => {
    const sys = system();
    sys.send('bay door', 'open requested');
    expect(sys.machines['bay door']!.state).toBe('closed');
  });

  it('refuses a now-claim whose evidence no longer holds', () => {
    const sys = system({ 'battle deck': { state: 'readying', goal: 'ready' } });
    sys.send('battle deck', 'now ready');
    expect(sys.machines['battle deck']!.state).toBe('readying');
  });

  it('puts the deck on red alert when the leak detector finds the relaxed bay losing air', () => {
    const sys = system();
    sys.coordination.leak();
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
  });

  it('alerts the deck of a leak even while the environment is faulted (G6, safe behaviour)', () => {
    const sys = system({ 'bay environment': { state: 'faulted' } });
    sys.machines['airlock B']!.restore('outer open friendly', undefined);
    sys.coordination.leak();
    // Red alert recalls at once; a deck cannot drive a faulted environment, and lets the goal go (invariant 9).
    expect(states(sys)).toEqual(['standing by', 'closed', 'faulted']);
    expect(sys.machines['airlock B']!.state).toBe('closing outer');
  });

  it('keeps door E closed over a hostile bay that still holds air, and opens it once the bay is empty (G3, safe behaviour)', () => {
    const sys = system({ 'battle deck': { state: 'ready', goal: 'ready' }, ...emptyBay });
    bay.kPa.bay = 62;
    sys.send('battle deck', 'active requested');
    bay.scan();
    expect(states(sys)).toEqual(['activating', 'closed', 'hostile']);
    bay.kPa.bay = 0.2;
    bay.scan();
    expect(states(sys)).toEqual(['activating', 'opening', 'hostile']);
  });

  it('refuses door E, with its reason, while the bay holds air, whatever the environment\'s state says', () => {
    const reasons: (string | undefined)[] = [];
    const sys = system({ 'battle deck': { state: 'activating', goal: 'active' }, ...emptyBay });
    bay.kPa.bay = 40;
    sys.machines['bay door']!; // the veto listener is the controller's; here the pre hook's verdict is read directly
    const pre = sys.coordination.hooks['bay door']!.pre[0];
    reasons.push(pre({ machine: sys.machines['bay door']!, from: 'closed', to: 'opening', event: 'open requested', goalBefore: undefined, goalAfter: undefined }) as string);
    expect(reasons[0]).toMatch(/door E waits: the bay still holds 40\.0 kPa/);
  });

  it('rests a reset environment where its sensors show, and drives it only on a new request (G2, invariant 9)', () => {
    const sys = system({ 'bay environment': { state: 'faulted' } });
    bay.kPa.bay = 62; // half empty when the fault is cleared: the sensors show no settled state
    sys.send('bay environment', 'reset');
    // Not assumed hostile, nor driven back: it holds, and the deck lets its goal from before the reset go.
    expect(states(sys)).toEqual(['standing by', 'closed', 'holding']);
    expect(sys.machines['battle deck']!.goal).toBeUndefined();
    sys.coordination.watch();
    expect(states(sys)).toEqual(['standing by', 'closed', 'holding']);
    sys.send('battle deck', 'relaxed requested');
    expect(states(sys)).toEqual(['relaxing', 'closed', 'pressurizing']);
    bay.kPa.bay = FULL;
    sys.send('bay environment', 'finished pressurizing');
    sys.send('bay environment', 'finished heating');
    expect(states(sys)).toEqual(['relaxed', 'closed', 'friendly']);
  });

  it('takes a full, warm bay as friendly when the environment is reset, and moves nothing', () => {
    const sys = system({ 'bay environment': { state: 'faulted' } });
    sys.send('bay environment', 'reset');
    // The deck claims what its evidence shows in full, and holds no goal: nobody asked since the reset.
    expect(states(sys)).toEqual(['relaxed', 'closed', 'friendly']);
    expect(sys.machines['battle deck']!.goal).toBeUndefined();
  });

  it('never shows a settled state its evidence contradicts: active with door E faulted stands by, its goal let go', () => {
    const sys = system({ 'battle deck': { state: 'active', goal: 'active' }, 'bay door': { state: 'open' }, ...emptyBay });
    bay.kPa.bay = EMPTY;
    sys.send('bay door', 'sensor fault');
    expect(states(sys)).toEqual(['standing by', 'faulted', 'hostile']);
    expect(sys.machines['battle deck']!.goal).toBeUndefined();
  });

  it('moves door E on no request from before its reset: it closes, and opens only when the bridge asks again (invariant 9)', () => {
    const sys = system({ 'battle deck': { state: 'activating', goal: 'active' }, 'bay door': { state: 'opening' }, ...emptyBay });
    bay.kPa.bay = EMPTY;
    sys.send('bay door', 'deadline missed');
    sys.send('bay door', 'reset');
    expect(states(sys)).toEqual(['standing by', 'closing', 'hostile']);
    sys.send('bay door', 'finished closing');
    sys.coordination.watch();
    // Closed over a hostile bay: the deck may claim ready, but holds no goal, and door E refuses to open.
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
    expect(sys.machines['battle deck']!.goal).toBeUndefined();
    sys.send('bay door', 'open requested');
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
    sys.send('battle deck', 'active requested');
    expect(states(sys)).toEqual(['activating', 'opening', 'hostile']);
  });

  it('holds no goal after a reset even when the deck never saw the fault: the reset itself lets it go', () => {
    const sys = system({ 'battle deck': { state: 'activating', goal: 'active' }, 'bay door': { state: 'faulted' }, ...emptyBay });
    bay.kPa.bay = EMPTY;
    sys.send('bay door', 'reset');
    expect(states(sys)).toEqual(['standing by', 'closing', 'hostile']);
  });

  it('re-drives nothing for a goal-less settled deck whose evidence stops holding: it stands by with the alarm', () => {
    const alarms: boolean[] = [];
    const sys = system({ 'battle deck': { state: 'ready' }, ...emptyBay }, { alarm: (on: boolean) => alarms.push(on) });
    bay.kPa.bay = EMPTY;
    sys.send('bay environment', 'friendly requested'); // vetoed: the deck holds no goal (rule 1)
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
    sys.machines['bay environment']!.restore('holding', undefined);
    sys.reobserve();
    sys.coordination.watch();
    expect(states(sys)).toEqual(['standing by', 'closed', 'holding']);
    expect(alarms.at(-1)).toBe(true);
  });
});
