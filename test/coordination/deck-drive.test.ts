// The battle deck drives door E and the environment in a safe order and claims its state only on evidence.
import { describe, expect, it } from 'vitest';
import { createSystem, type LaunchBaySystem } from '../../firmware/system';

const hosts = ['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C', 'airlock D'] as const;
const states = (sys: LaunchBaySystem) => [sys.machines['battle deck']!.state, sys.machines['bay door']!.state, sys.machines['bay environment']!.state];
const system = (initial = {}) => createSystem({ hosts, chamberPressurized: () => true, outerDoorClosed: () => true, initial });

describe('the deck drive', () => {
  it('readies from relaxed by emptying the bay, and claims ready only once it is hostile', () => {
    const sys = system();
    sys.send('battle deck', 'ready requested');
    expect(states(sys)).toEqual(['readying', 'closed', 'depressurizing']);
    sys.send('bay environment', 'finished depressurizing');
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
  });

  it('activates by emptying the bay first and opening door E only once the bay is hostile', () => {
    const sys = system();
    sys.send('battle deck', 'active requested');
    expect(states(sys)).toEqual(['activating', 'closed', 'depressurizing']);
    sys.send('bay environment', 'finished depressurizing');
    expect(states(sys)).toEqual(['activating', 'opening', 'hostile']);
    sys.send('bay door', 'finished opening');
    expect(states(sys)).toEqual(['active', 'open', 'hostile']);
  });

  it('relaxes from active by closing door E before the bay pressurizes, with its goal relaxed throughout', () => {
    const sys = system({ 'battle deck': { state: 'active', goal: 'active' }, 'bay door': { state: 'open' }, 'bay environment': { state: 'hostile' } });
    sys.send('battle deck', 'relaxed requested');
    expect(states(sys)).toEqual(['relaxing', 'closing', 'hostile']);
    sys.send('bay door', 'finished closing');
    expect(states(sys)).toEqual(['relaxing', 'closed', 'pressurizing']);
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

  it('puts the deck on red alert when a leak hits the relaxed bay', () => {
    const sys = system();
    sys.send('bay environment', 'leak');
    expect(states(sys)).toEqual(['ready', 'closed', 'hostile']);
  });
});
