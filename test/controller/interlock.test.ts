// The interlock on its own: it reads sensors only (invariant 7), never states or intentions, and unknown never permits.
import { describe, expect, it } from 'vitest';
import { defaultThresholds, refuseBayAir, refuseDoorOpen, type InterlockFacts } from '../../firmware/controller';

const facts = (over: Partial<{ env: string | undefined; bay: number; chamber: number; closed: string[] }> = {}): InterlockFacts => {
  const f = { env: 'friendly', bay: 101.3, chamber: 101.3, closed: ['bay door', 'airlock B outer door', 'airlock B inner door'], ...over };
  return {
    bayEnvironment: () => f.env,
    bayHostile: () => f.env !== 'friendly',
    bayKpa: () => f.bay,
    chamberKpa: () => f.chamber,
    doorClosed: (door) => f.closed.includes(door),
  };
};
const refuse = (door: string, f: InterlockFacts) => refuseDoorOpen(door, f, defaultThresholds);

describe('the interlock', () => {
  it('lets an outer door open when chamber and bay match and the inner door is shut', () => {
    expect(refuse('airlock B outer door', facts())).toBeUndefined();
  });

  it('refuses an outer door while chamber and bay pressures differ by more than 5 kPa', () => {
    expect(refuse('airlock B outer door', facts({ chamber: 0 }))).toBe('airlock B outer door: chamber 0.0 kPa and bay 101.3 kPa differ');
    expect(refuse('airlock B outer door', facts({ chamber: 95 }))).toMatch(/differ/);
    expect(refuse('airlock B outer door', facts({ chamber: 97 }))).toBeUndefined();
  });

  it('refuses an outer door while the inner door is not closed', () => {
    expect(refuse('airlock B outer door', facts({ closed: ['bay door', 'airlock B outer door'] }))).toMatch(/inner door is not closed/);
  });

  it('judges an outer door by pressures alone, whatever the environment\'s state says (rule 3 is the logic\'s)', () => {
    for (const env of ['pressurizing', 'heating', 'depressurizing', 'faulted', undefined]) {
      expect(refuse('airlock B outer door', facts({ env }))).toBeUndefined();
      expect(refuse('airlock B outer door', facts({ env, chamber: 50 }))).toMatch(/differ/);
    }
  });

  it('refuses an outer door when a pressure is unknown', () => {
    expect(refuse('airlock B outer door', facts({ bay: NaN }))).toMatch(/bay unknown kPa differ/);
  });

  it('refuses an inner door unless the chamber is at ship pressure and the outer door shut', () => {
    expect(refuse('airlock B inner door', facts())).toBeUndefined();
    expect(refuse('airlock B inner door', facts({ chamber: 60 }))).toMatch(/chamber 60\.0 kPa and ship 101\.3 kPa differ/);
    expect(refuse('airlock B inner door', facts({ closed: ['airlock B inner door'] }))).toMatch(/outer door is not closed/);
  });

  it('refuses door E while the bay holds air (above 1 kPa), even when the environment says hostile', () => {
    expect(refuse('bay door', facts({ env: 'hostile', bay: 0.4 }))).toBeUndefined();
    expect(refuse('bay door', facts({ env: 'hostile', bay: 62 }))).toBe('door E may not open while the bay holds 62.0 kPa (above 1 kPa)');
    expect(refuse('bay door', facts({ env: 'hostile', bay: 1.2 }))).toMatch(/holds 1\.2 kPa/);
    expect(refuse('bay door', facts({ env: 'hostile', bay: NaN }))).toMatch(/holds unknown kPa/);
  });

  it('refuses to pump or heat the bay while the bay door is not closed', () => {
    expect(refuseBayAir(facts())).toBeUndefined();
    expect(refuseBayAir(facts({ closed: [] }))).toMatch(/door E is not closed/);
  });
});
