// Rules 3 and 4 and the red-alert recall, on the machines and hooks alone (no hardware).
import { describe, expect, it } from 'vitest';
import { EMPTY, FULL, logicBay } from './logic-bay';

function bay(initial = {}) {
  const logic = logicBay(initial), sys = logic.sys;
  return { ...logic, b: () => sys.machines['airlock B']! };
}

describe('the airlocks under the deck', () => {
  it('tells the Alice story exactly as told', () => {
    const { sys, kPa, b } = bay();
    sys.send('airlock B', 'ask open outer');                       // Alice presses button 2
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open friendly']);
    sys.send('battle deck', 'ready requested');                   // red alert
    expect(sys.machines['battle deck']!.state).toBe('readying');
    expect([b().state, b().goal]).toEqual(['closing outer', 'inner open']); // recalled: her door reverses
    expect(sys.machines['bay environment']!.state).toBe('depressurizing');
    sys.send('airlock B', 'ask open outer');                       // she pounds button 2: refused
    expect([b().state, b().goal]).toEqual(['closing outer', 'inner open']);
    sys.send('airlock B', 'finished closing outer');
    expect(b().state).toBe('pressurizing');                        // closed off from the bay: topped up to ship air
    sys.send('airlock B', 'finished pressurizing');
    expect(b().state).toBe('opening inner');
    sys.send('airlock B', 'finished opening inner');
    expect(b().state).toBe('inner open');
    sys.send('airlock B', 'ask open outer');                       // now honoured, toward a hostile bay
    expect([b().state, b().goal]).toEqual(['closing inner', 'outer open hostile']);
    sys.send('airlock B', 'finished closing inner');
    expect(b().state).toBe('depressurizing');
    kPa.B = EMPTY;
    sys.send('airlock B', 'finished depressurizing');              // the bay is not yet fully hostile: wait, closed
    expect([b().state, b().goal]).toEqual(['closed depressurized', 'outer open hostile']);
    kPa.bay = EMPTY;
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
    const { sys, kPa, b } = bay();
    kPa.B = EMPTY;
    sys.machines['airlock B']!.restore('closed depressurized', undefined);
    sys.send('airlock B', 'ask open outer');
    expect([b().state, b().goal]).toEqual(['pressurizing', 'outer open friendly']);
    sys.send('battle deck', 'ready requested');
    expect([b().state, b().goal]).toEqual(['depressurizing', 'outer open hostile']);
  });

  it('reverses an airlock depressurizing toward the outer door when the bay turns friendly (rule 4)', () => {
    const { sys, kPa, b } = bay({ 'battle deck': { state: 'ready', goal: 'ready' }, 'bay environment': { state: 'hostile' } });
    kPa.bay = EMPTY;
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
    sys.send('airlock A', 'finished pressurizing');
    sys.send('airlock A', 'finished opening inner');
    expect(sys.machines['airlock A']!.state).toBe('inner open');
    expect(sys.coordination.memory.recalled.A).toBe(false);
  });

  it('stops an outer door that is opening when the bay starts to change, keeps its goal, and resumes it once stable (G1, safe behaviour)', () => {
    const { sys, kPa, b } = bay({ 'battle deck': { state: 'ready', goal: 'ready' }, 'bay environment': { state: 'hostile' }, 'airlock B': { state: 'closed depressurized' } });
    kPa.bay = EMPTY; kPa.B = EMPTY;
    sys.send('airlock B', 'ask open outer');
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open hostile']);
    sys.send('battle deck', 'relaxed requested');                  // the bay starts pressurizing
    expect(sys.machines['bay environment']!.state).toBe('pressurizing');
    expect([b().state, b().goal]).toEqual(['closing outer', 'outer open hostile']);
    sys.send('airlock B', 'finished closing outer');               // re-planned toward a friendly bay: fill first
    expect([b().state, b().goal]).toEqual(['pressurizing', 'outer open friendly']);
    kPa.B = FULL;
    sys.send('airlock B', 'finished pressurizing');                // rule 3: wait, closed, until the bay is stable
    expect([b().state, sys.coordination.memory.heldBack.B]).toEqual(['closed pressurized', true]);
    kPa.bay = FULL;
    sys.send('bay environment', 'finished pressurizing');
    sys.send('bay environment', 'finished heating');
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open friendly']);
  });

  it('keeps an airlock bound for a hostile bay that still holds air closed, and opens once the bay is empty (no leaning on the interlock)', () => {
    const { sys, kPa, b, scan } = bay();
    sys.coordination.leak();                                       // a breach: hostile at once, but not yet empty
    kPa.bay = 69.7;
    sys.send('airlock B', 'ask open outer');
    expect([b().state, b().goal]).toEqual(['depressurizing', 'outer open hostile']);
    kPa.B = EMPTY;
    sys.send('airlock B', 'finished depressurizing');
    expect([b().state, b().goal, sys.coordination.memory.heldBack.B]).toEqual(['closed depressurized', 'outer open hostile', true]);
    scan();
    expect(b().state).toBe('closed depressurized');               // waits: 69.7 kPa beyond the door
    kPa.bay = 0.3;                                                 // the bay vents what is left (G3)
    scan();
    expect(b().state).toBe('opening outer');
  });

  it('recalls an airlock open toward the friendly bay when the environment leaves friendly, whatever the deck did (G4, safe behaviour)', () => {
    // The deck is already readying (no transition of its own, so no red-alert recall), and has not yet acted.
    const { sys, b } = bay({ 'battle deck': { state: 'readying', goal: 'ready' }, 'airlock B': { state: 'opening outer', goal: 'outer open friendly' } });
    expect([b().state, b().goal]).toEqual(['opening outer', 'outer open friendly']);
    sys.coordination.watch();                                      // the deck now empties the bay
    expect(sys.machines['bay environment']!.state).toBe('depressurizing');
    expect([b().state, b().goal, sys.coordination.memory.recalled.B]).toEqual(['closing outer', 'inner open', true]);
  });

  // Rule 4: "as soon as the environment leaves friendly", whatever for: a fault, holding, or (seen from another node)
  // no fresh report. The bay may be emptying on a red alert this airlock never heard.
  for (const to of ['faulted', 'holding', undefined]) {
    it(`recalls an airlock open toward the friendly bay when the environment leaves friendly for ${to ?? 'unknown'}`, () => {
      const { sys, b } = bay({ 'airlock B': { state: 'outer open friendly', goal: 'outer open friendly' } });
      sys.coordination.bayChanged('B', 'friendly', to);
      expect([b().state, b().goal, sys.coordination.memory.recalled.B]).toEqual(['closing outer', 'inner open', true]);
    });
  }

  it('does not recall an airlock open into a hostile bay when the bay becomes unknown (its user is suited)', () => {
    const { sys, b } = bay({ 'airlock B': { state: 'outer open hostile', goal: 'outer open hostile' } });
    sys.coordination.bayChanged('B', 'hostile', undefined);
    expect([b().state, sys.coordination.memory.recalled.B]).toEqual(['outer open hostile', false]);
  });

  it('recalls an airlock open toward the friendly bay when a leak is found, as red alert does', () => {
    const { sys, b } = bay({ 'airlock B': { state: 'outer open friendly', goal: 'outer open friendly' } });
    sys.coordination.leak();
    expect([b().state, b().goal, sys.coordination.memory.recalled.B]).toEqual(['closing outer', 'inner open', true]);
  });

  it('clears the goal of a faulted airlock at its reset: it closes, rests, and nothing moves on the old goal (invariant 9)', () => {
    const { sys, b, scan } = bay({ 'airlock B': { state: 'faulted', goal: 'inner open' } });
    sys.send('airlock B', 'reset');
    expect([b().state, b().goal]).toEqual(['closing inner', undefined]);
    sys.send('airlock B', 'finished closing inner');
    scan();
    expect([b().state, b().goal]).toEqual(['closed pressurized', undefined]);
  });

  it('gives every refusal its reason: a recall, rule 3, and pressures that differ', () => {
    const { sys, kPa } = bay();
    const pre = sys.coordination.hooks['airlock B']!.pre[0];
    const attempt = (event: string, from: string, to: string) =>
      pre({ machine: sys.machines['airlock B']!, from, to, event, goalBefore: undefined, goalAfter: undefined });
    sys.coordination.memory.recalled.B = true;
    expect(attempt('ask open outer', 'inner open', 'closing inner')).toMatch(/recalled on red alert/);
    sys.coordination.memory.recalled.B = false;
    sys.machines['bay environment']!.restore('pressurizing', undefined);
    expect(attempt('finished closing inner', 'closing inner', 'opening outer')).toMatch(/rule 3: the bay environment is pressurizing/);
    sys.machines['bay environment']!.restore('friendly', undefined);
    kPa.B = 60;
    expect(attempt('ask open outer', 'closed pressurized', 'opening outer')).toMatch(/chamber 60\.0 kPa, bay 101\.3 kPa/);
    expect(attempt('ask open inner', 'closed pressurized', 'opening inner')).toMatch(/the inner door waits: chamber 60\.0 kPa/);
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
