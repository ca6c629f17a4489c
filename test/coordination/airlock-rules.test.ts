// Rules 3 and 4 and the red-alert recall, on the machines and hooks alone (no hardware).
import { describe, expect, it } from 'vitest';
import { createSystem } from '../../firmware/system';

const hosts = ['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C', 'airlock D'] as const;

function bay(initial = {}) {
  const chamber = { A: true, B: true, C: true, D: true } as Record<string, boolean>;
  const sys = createSystem({ hosts, chamberPressurized: (l) => chamber[l], outerDoorClosed: () => true, initial });
  return { sys, chamber, b: () => sys.machines['airlock B']! };
}

describe('the airlocks under the deck', () => {
  it('tells the Alice story exactly as told', () => {
    const { sys, chamber, b } = bay();
    sys.send('airlock B', 'ask open outer');                       // Alice presses button 2
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open friendly']);
    sys.send('battle deck', 'ready requested');                   // red alert
    expect(sys.machines['battle deck']!.state).toBe('readying');
    expect([b().state, b().goal]).toEqual(['closing outer', 'inner open']); // recalled: her door reverses
    expect(sys.machines['bay environment']!.state).toBe('depressurizing');
    sys.send('airlock B', 'ask open outer');                       // she pounds button 2: refused
    expect([b().state, b().goal]).toEqual(['closing outer', 'inner open']);
    sys.send('airlock B', 'finished closing outer');
    expect(b().state).toBe('opening inner');
    sys.send('airlock B', 'finished opening inner');
    expect(b().state).toBe('inner open');
    sys.send('airlock B', 'ask open outer');                       // now honoured, toward a hostile bay
    expect([b().state, b().goal]).toEqual(['closing inner', 'outer open hostile']);
    sys.send('airlock B', 'finished closing inner');
    expect(b().state).toBe('depressurizing');
    chamber.B = false;
    sys.send('airlock B', 'finished depressurizing');              // the bay is not yet fully hostile: wait, closed
    expect([b().state, b().goal]).toEqual(['closed depressurized', 'outer open hostile']);
    sys.send('bay environment', 'finished depressurizing');        // fully hostile: the held-back goal resumes
    expect(sys.machines['battle deck']!.state).toBe('ready');
    expect(b().state).toBe('opening outer');
    sys.send('airlock B', 'finished opening outer');
    expect(b().state).toBe('outer open hostile');
  });

  it('holds an outer door closed while the environment changes, and resumes once it is stable (rule 3)', () => {
    const { sys, b } = bay({ 'battle deck': { state: 'relaxing', goal: 'relaxed' }, 'bay environment': { state: 'pressurizing' } });
    sys.send('airlock B', 'ask open outer');
    expect(b().state).toBe('closed pressurized');
    expect(sys.coordination.memory.heldBack.B).toBe(true);
    sys.send('bay environment', 'finished pressurizing');
    expect(b().state).toBe('closed pressurized');
    sys.send('bay environment', 'finished heating');
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open friendly']);
  });

  it('reverses an airlock pressurizing toward the outer door when the bay turns hostile (rule 4)', () => {
    const { sys, chamber, b } = bay();
    chamber.B = false;
    sys.machines['airlock B']!.restore('closed depressurized', undefined);
    sys.send('airlock B', 'ask open outer');
    expect([b().state, b().goal]).toEqual(['pressurizing', 'outer open friendly']);
    sys.send('battle deck', 'ready requested');
    expect([b().state, b().goal]).toEqual(['depressurizing', 'outer open hostile']);
  });

  it('reverses an airlock depressurizing toward the outer door when the bay turns friendly (rule 4)', () => {
    const { sys, b } = bay({ 'battle deck': { state: 'ready', goal: 'ready' }, 'bay environment': { state: 'hostile' } });
    sys.send('airlock B', 'ask open outer');
    expect([b().state, b().goal]).toEqual(['depressurizing', 'outer open hostile']);
    sys.send('battle deck', 'relaxed requested');
    expect(sys.machines['bay environment']!.state).toBe('pressurizing');
    expect([b().state, b().goal]).toEqual(['pressurizing', 'outer open friendly']);
  });

  it('recalls only airlocks open or opening into the friendly bay, and clears the recall at inner open', () => {
    const { sys } = bay({ 'airlock A': { state: 'outer open friendly', goal: 'outer open friendly' }, 'airlock C': { state: 'inner open', goal: 'inner open' } });
    sys.send('battle deck', 'active requested');
    expect(sys.machines['airlock A']!.state).toBe('closing outer');
    expect(sys.machines['airlock C']!.state).toBe('inner open');
    expect(sys.coordination.memory.recalled).toMatchObject({ A: true, B: false, C: false, D: false });
    expect(Object.values(sys.coordination.memory.recalled).filter(Boolean)).toHaveLength(1);
    sys.send('airlock A', 'finished closing outer');
    sys.send('airlock A', 'finished opening inner');
    expect(sys.coordination.memory.recalled.A).toBe(false);
  });

  it('restores machines and coordination memory from a snapshot', () => {
    const { sys } = bay();
    const before = sys.snapshot();
    sys.send('airlock B', 'ask open outer');
    sys.send('battle deck', 'ready requested');
    sys.restore(before);
    expect(sys.snapshot()).toEqual(before);
  });
});
