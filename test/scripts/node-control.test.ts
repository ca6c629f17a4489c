// A node's stdin control lines: every line is answered, and one for another node's button or machine says which
// node hosts it.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import type { MachineId } from '../../firmware/board/signals';
import { answerControl, type ControlTarget } from '../../scripts/lib/node-control';

const directory = new Map<string, string>([
  ['battle deck', 'bridge'], ['bay door', 'bay'], ['bay environment', 'bay'],
  ['airlock A', 'airlock-a'], ['airlock B', 'airlock-b'], ['airlock C', 'airlock-c'], ['airlock D', 'airlock-d'],
]);

function on(boardName: string, node: string) {
  const did: string[] = [];
  const states: { [m: string]: string } = { 'battle deck': 'relaxed', 'airlock B': 'faulted' };
  const target: ControlTarget = {
    board: loadBoard(boardName), node, directory,
    press: (signal, ms) => did.push(`press ${signal} ${ms}`),
    send: (machine: MachineId, event) => { did.push(`${machine}: ${event}`); if (event === 'reset' && machine === 'airlock B') states[machine] = 'closed pressurized'; },
    stateOf: (machine) => states[machine],
    status: () => did.push('status'),
    inject: (fault) => did.push(`fault ${JSON.stringify(fault)}`),
  };
  return { did, answer: (line: string) => answerControl(target, line) };
}

describe('a node\'s control lines', () => {
  it('on the bridge, says which node hosts airlock B\'s button and machine, and does nothing', () => {
    const bridge = on('sim-bridge', 'bridge');
    expect(bridge.answer('{"press":"airlock B button 2"}')).toEqual({ ok: false, message: 'airlock B button 2 is on node airlock-b, which hosts airlock B; this is node bridge (send it to airlock-b\'s stdin)' });
    expect(bridge.answer('{"reset":"airlock B"}')).toEqual({ ok: false, message: 'reset of airlock B is on node airlock-b, which hosts airlock B; this is node bridge (send it to airlock-b\'s stdin)' });
    expect(bridge.did).toEqual([]);
  });

  it('on an airlock\'s node, says the deck is on the bridge', () => {
    expect(on('sim-airlock-b', 'airlock-b').answer('{"request":"ready"}').message).toBe('request ready is on node bridge, which hosts battle deck; this is node airlock-b (send it to bridge\'s stdin)');
  });

  it('answers what it did: a press, a request, a reset with the state it led to', () => {
    const b = on('sim-airlock-b', 'airlock-b');
    expect(b.answer('{"press":"airlock B button 2","ms":500}')).toEqual({ ok: true, message: 'pressed airlock B button 2 for 500 ms' });
    expect(b.answer('{"reset":"airlock B"}')).toEqual({ ok: true, message: 'airlock B: reset sent (faulted → closed pressurized)' });
    expect(on('sim-bridge', 'bridge').answer('{"request":"ready"}')).toEqual({ ok: true, message: 'battle deck: ready requested' });
    expect(b.did).toEqual(['press airlock B button 2 500', 'airlock B: reset']);
  });

  it('answers every bad line with why, and never throws', () => {
    const b = on('sim-bridge', 'bridge');
    for (const [line, message] of [
      ['not json', /^not JSON/],
      ['[1]', /expected a JSON object/],
      ['null', /expected a JSON object/],
      ['{"press":"toString"}', /no button named "toString"/],
      ['{"press":"__proto__"}', /no button named "__proto__"/],
      ['{"press":"airlock B outer door open limit"}', /no button named/],
      ['{"press":5}', /"press" must be a button's name/],
      ['{"reset":"constructor"}', /no machine named "constructor"/],
      ['{"request":"toString"}', /"request" must be one of "ready", "active", "relaxed"/],
      ['{"colour":"red"}', /unknown command \{"colour":"red"\} \(see --help\)/],
      ['{"__proto__":{"status":true}}', /unknown command/],
    ] as const) {
      const a = b.answer(line);
      expect(a.ok, line).toBe(false);
      expect(a.message, line).toMatch(message);
    }
    expect(b.did).toEqual([]);
  });

  it('injects a fault into its own hardware, in the scenario format\'s words', () => {
    const b = on('sim-airlock-b', 'airlock-b');
    expect(b.answer('{"jam":"airlock B outer"}')).toEqual({ ok: true, message: 'airlock B outer door jammed' });
    expect(b.answer('{"sensorFault":"airlock B chamber pressure","stuck":50}')).toEqual({ ok: true, message: 'airlock B chamber pressure stuck at 50' });
    expect(b.answer('{"pumpDead":"airlock B"}')).toEqual({ ok: true, message: 'airlock B pump dead' });
    expect(b.answer('{"clearSensorFault":"airlock B chamber pressure"}')).toEqual({ ok: true, message: 'airlock B chamber pressure reads true' });
    expect(on('sim-bay', 'bay').answer('{"leak":2}')).toEqual({ ok: true, message: 'bay leaking 2 kPa/s' });
    expect(b.did).toEqual([
      'fault {"jam":"airlock B outer"}', 'fault {"sensorFault":"airlock B chamber pressure","stuck":50}',
      'fault {"pumpDead":"airlock B"}', 'fault {"clearSensorFault":"airlock B chamber pressure"}',
    ]);
  });

  it('refuses a fault of another node\'s hardware, or one the hardware cannot have, saying why', () => {
    const b = on('sim-airlock-b', 'airlock-b');
    for (const [line, message] of [
      ['{"jam":"bay door"}', /jam bay door is on node bay, which hosts bay door/],
      ['{"leak":2}', /a leak of the bay is on node bay/],
      ['{"jam":"airlock B"}', /"jam" must name a door/],
      ['{"jam":"toString"}', /"jam" must name a door/],
      ['{"sensorFault":"airlock B chamber pressure","stuck":-999}', /cannot be stuck at -999/],
      ['{"sensorFault":"airlock B chamber pressure"}', /needs "stuck"/],
      ['{"pumpDead":"airlock Q"}', /"pumpDead" must name a pump/],
      ['{"leak":-1}', /"leak" must be a rate/],
    ] as const) expect(b.answer(line).message, line).toMatch(message);
    expect(b.did).toEqual([]);
  });

  it('prints the status as its answer', () => {
    const b = on('sim-bridge', 'bridge');
    expect(b.answer('{"status":true}')).toMatchObject({ ok: true, printed: true });
    expect(b.did).toEqual(['status']);
  });
});
