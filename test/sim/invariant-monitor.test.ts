// The invariant monitor judges 7–9 from the hardware: a door that starts opening across a pressure difference,
// a healthy sensor condemned (noise deciding), a door that moves by itself after an operator reset.
import { describe, expect, it } from 'vitest';
import { InvariantMonitor } from '../../sim/invariants';
import { LaunchBayModel } from '../../sim/physics';
import { formatReport } from '../../sim/view/timeline';

const monitor = (model = new LaunchBayModel()) => ({ model, m: new InvariantMonitor(model, () => undefined, () => 1000) });
const startOpening = (door: { position: number; motor: -1 | 0 | 1 }) => { door.motor = 1; door.position = 0.01; };

describe('the invariant monitor', () => {
  it('sees door E start opening while the bay holds air (invariant 7), whatever any state says', () => {
    const { model, m } = monitor();
    m.check();
    startOpening(model.bayDoor);
    m.check();
    expect(m.violations).toEqual([{ t: 1000, invariant: 7, detail: 'door E started opening while the bay holds 101.3 kPa' }]);
  });

  it('sees an outer door start across more than 5 kPa, and lets one start across less', () => {
    const { model, m } = monitor(new LaunchBayModel({ bay: { kPa: 0 }, airlocks: { A: { chamberKpa: 8 }, B: { chamberKpa: 3 } } }));
    m.check();
    startOpening(model.airlocks.A.outer); startOpening(model.airlocks.B.outer);
    m.check();
    expect(m.violations.filter((v) => v.invariant === 7).map((v) => v.detail)).toEqual(['airlock A outer door started opening with chamber 8.0 kPa and bay 0.0 kPa']);
  });

  it('takes a healthy sensor judged faulty as noise changing a decision (invariant 8), but not one the run broke', () => {
    const { model, m } = monitor();
    m.report({ t: 5, kind: 'fault', machine: 'airlock A', detail: 'sensor fault: airlock A chamber pressure: jumped from 99.1 to 90.0' });
    model.sensorFaults['airlock B chamber pressure'] = { kind: 'stuck', value: 50 };
    m.check();
    model.sensorFaults['airlock B chamber pressure'] = undefined;
    m.report({ t: 6, kind: 'fault', machine: 'airlock B', detail: 'sensor fault: airlock B chamber pressure: jumped from 50.0 to 101.3' });
    expect(m.violations.map((v) => v.invariant)).toEqual([8]);
    expect(m.violations[0].detail).toContain('a healthy airlock A chamber pressure sensor was judged faulty');
  });

  it('sees an airlock door start by itself after an operator reset (invariant 9), until a person presses one of its buttons', () => {
    const { model, m } = monitor();
    m.reset('airlock B');
    m.check();
    startOpening(model.airlocks.B.inner);
    m.check();
    expect(m.violations.map((v) => `${v.invariant}: ${v.detail}`)).toEqual(['9: airlock B inner door started opening by itself after an operator reset']);
    const fresh = monitor();
    fresh.m.reset('airlock B');
    fresh.m.pressed('airlock B button 4');
    fresh.m.check();
    startOpening(fresh.model.airlocks.B.inner);
    fresh.m.check();
    expect(fresh.m.violations).toEqual([]);
  });
});

describe('the timeline', () => {
  it('prints a veto with the state it would have led to and why', () => {
    expect(formatReport({ t: 17_300, kind: 'veto', machine: 'airlock A', from: 'depressurizing', to: 'opening outer', event: 'finished depressurizing', reason: 'the outer door waits: the hostile bay holds 69.9 kPa, not yet empty' }))
      .toBe('00:00:17.300  airlock A            VETO: "finished depressurizing" refused in depressurizing (→ opening outer): the outer door waits: the hostile bay holds 69.9 kPa, not yet empty');
  });

  it('prints an interlock refusal with its sensor fact', () => {
    expect(formatReport({ t: 0, kind: 'interlock', machine: 'bay door', detail: 'x', reason: 'door E may not open while the bay holds 62.0 kPa (above 1 kPa)' }))
      .toContain('INTERLOCK refused: door E may not open while the bay holds 62.0 kPa (above 1 kPa)');
  });
});
