// The invariant monitor judges 7–9 from the hardware: a door that starts opening across a pressure difference,
// a healthy sensor condemned (noise deciding), a part that starts moving by itself after a reset or a power loss.
import { describe, expect, it } from 'vitest';
import { InvariantMonitor } from '../../sim/invariants';
import { LaunchBayModel } from '../../sim/physics';
import { formatReport } from '../../views/terminal/timeline';

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
    expect(m.violations.map((v) => `${v.invariant}: ${v.detail}`)).toEqual(['9: airlock B inner door was driven open after a reset or a power loss, before any press of its buttons']);
    const fresh = monitor();
    fresh.m.reset('airlock B');
    fresh.m.pressed('airlock B button 4');
    fresh.m.check();
    startOpening(fresh.model.airlocks.B.inner);
    fresh.m.check();
    expect(fresh.m.violations).toEqual([]);
  });
});

describe('invariant 9 in the monitor', () => {
  const nine = (m: InvariantMonitor) => m.violations.filter((v) => v.invariant === 9).map((v) => v.detail);

  it('sees door E driven open after its reset, and after a reset of the environment, until a new deck request', () => {
    for (const machine of ['bay door', 'bay environment']) {
      const { model, m } = monitor(new LaunchBayModel({ bay: { kPa: 0 } }));
      m.reset(machine);
      model.bayDoor.motor = -1;                   // closing is coming to rest
      m.check();
      model.bayDoor.motor = 1;
      m.check();
      expect(nine(m), machine).toEqual(['door E was driven open after a reset or a power loss, before any new deck request']);
      const asked = monitor(new LaunchBayModel({ bay: { kPa: 0 } }));
      asked.m.reset(machine);
      asked.m.check();
      asked.m.pressed('deck active request');
      asked.model.bayDoor.motor = 1;
      asked.m.check();
      expect(nine(asked.m), machine).toEqual([]);
    }
  });

  it('sees the bay pumped, vented or heated after a power loss, but lets it vent while door E is open or the bay is empty, and keep a friendly bay warm', () => {
    const cases: [string, ConstructorParameters<typeof LaunchBayModel>[0], 'pumpOn' | 'ventOn' | 'heaterOn', boolean][] = [
      ['pump, half-full bay', { bay: { kPa: 50 } }, 'pumpOn', true],
      ['vent, half-full bay, door E closed', { bay: { kPa: 50 } }, 'ventOn', true],
      ['vent, half-full bay, door E open', { bay: { kPa: 50 }, bayDoor: { position: 0.5 } }, 'ventOn', false],
      ['vent, empty bay', { bay: { kPa: 1 } }, 'ventOn', false],
      ['heater, full cold bay', { bay: { kPa: 101.3, tempC: 12 } }, 'heaterOn', true],
      ['heater, half-full bay', { bay: { kPa: 50, tempC: 19 } }, 'heaterOn', true],
      ['heater, full warm bay (thermostat)', { bay: { kPa: 101.3, tempC: 19 } }, 'heaterOn', false],
    ];
    for (const [name, start, part, caught] of cases) {
      const { model, m } = monitor(new LaunchBayModel(start));
      m.powerLost(['bay door', 'bay environment']);
      m.check();
      model.bay[part] = true;
      m.check();
      expect(nine(m).length, name).toBe(caught ? 1 : 0);
    }
  });

  it('lets a breach vent the bay after a reset: fresh evidence', () => {
    const { model, m } = monitor(new LaunchBayModel({ bay: { kPa: 60 } }));
    m.reset('bay environment');
    m.check();
    model.bay.leakKpaPerS = 2;
    model.bay.ventOn = true;
    m.check();
    expect(nine(m)).toEqual([]);
  });

  it('lets a run that was going on when the deck\'s board lost its power go on, but not start again once it stopped', () => {
    const { model, m } = monitor(new LaunchBayModel({ bay: { kPa: 99, tempC: 5 } }));
    model.bay.pumpOn = true;
    m.check();
    m.powerLost(['battle deck']);
    model.bay.pumpOn = false; model.bay.heaterOn = true;   // pressurizing hands over to heating
    m.check();
    expect(nine(m)).toEqual([]);
    model.bay.heaterOn = false;
    m.check();
    model.bay.heaterOn = true;
    m.check();
    expect(nine(m)).toEqual(['the bay heater was switched on after a reset or a power loss, before any new deck request or a breach']);
  });

  it('lets an airlock pump its chamber to ship pressure behind its closed outer door after a power loss, never vent it or pump with the outer door open', () => {
    const { model, m } = monitor(new LaunchBayModel({ airlocks: { A: { chamberKpa: 50 }, B: { chamberKpa: 50 }, C: { chamberKpa: 50, outer: { position: 0.5 } } } }));
    m.powerLost(['airlock A', 'airlock B', 'airlock C']);
    m.check();
    model.airlocks.A.pumpOn = true;
    model.airlocks.B.ventOn = true;
    model.airlocks.C.pumpOn = true;
    model.airlocks.C.outer.motor = -1;
    m.check();
    expect(nine(m)).toEqual([
      'airlock B chamber vent was switched on after a reset or a power loss, before any press of its buttons',
      'airlock C chamber pump was switched on after a reset or a power loss, before any press of its buttons',
    ]);
  });

  it('lets a red alert recall an airlock whose outer door stood open at the power loss, not one whose door was closing', () => {
    const { model, m } = monitor(new LaunchBayModel({ airlocks: { A: { outer: { position: 1 } }, B: { outer: { position: 0.5, motor: -1 } } } }));
    m.powerLost(['airlock A', 'airlock B', 'battle deck']);
    m.check();
    m.requested();
    model.airlocks.A.inner.motor = 1;
    model.airlocks.B.inner.motor = 1;
    m.check();
    expect(nine(m)).toEqual(['airlock B inner door was driven open after a reset or a power loss, before any press of its buttons']);
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
