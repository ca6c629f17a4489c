// The interlock on its own: it reads sensors, not intentions, and unknown never permits.
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
  it('lets an outer door open when chamber and bay match, the inner door is shut and the bay is stable', () => {
    expect(refuse('airlock B outer door', facts())).toBeUndefined();
  });

  it('refuses an outer door while chamber and bay pressures differ', () => {
    expect(refuse('airlock B outer door', facts({ chamber: 0 }))).toBe('airlock B outer door: chamber 0.0 kPa and bay 101.3 kPa differ');
  });

  it('refuses an outer door while the inner door is not closed', () => {
    expect(refuse('airlock B outer door', facts({ closed: ['bay door', 'airlock B outer door'] }))).toMatch(/inner door is not closed/);
  });

  it('refuses an outer door while the environment changes or is unknown', () => {
    for (const env of ['pressurizing', 'heating', 'depressurizing', undefined]) {
      expect(refuse('airlock B outer door', facts({ env }))).toMatch(/the bay environment is/);
    }
  });

  it('refuses an outer door when a pressure is unknown', () => {
    expect(refuse('airlock B outer door', facts({ bay: NaN }))).toMatch(/bay unknown kPa differ/);
  });

  it('refuses an inner door unless the chamber is at ship pressure and the outer door shut', () => {
    expect(refuse('airlock B inner door', facts())).toBeUndefined();
    expect(refuse('airlock B inner door', facts({ chamber: 60 }))).toMatch(/below ship pressure/);
    expect(refuse('airlock B inner door', facts({ closed: ['airlock B inner door'] }))).toMatch(/outer door is not closed/);
  });

  it('refuses the bay door unless the environment is hostile', () => {
    expect(refuse('bay door', facts({ env: 'hostile' }))).toBeUndefined();
    for (const env of ['friendly', 'depressurizing', 'faulted', undefined]) expect(refuse('bay door', facts({ env }))).toMatch(/only while the bay environment is hostile/);
  });

  it('refuses to pump or heat the bay while the bay door is not closed', () => {
    expect(refuseBayAir(facts())).toBeUndefined();
    expect(refuseBayAir(facts({ closed: [] }))).toMatch(/bay door is not closed/);
  });
});
