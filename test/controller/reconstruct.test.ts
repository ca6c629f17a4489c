// After power loss, states come from the sensors: at rest where they say, and caught between, brought to rest.
import { describe, expect, it } from 'vitest';
import { defaultThresholds as t } from '../../firmware/controller';
import { airlockAfterBoot, bayDoorAfterBoot, deckAfterBoot, environmentAfterBoot } from '../../firmware/controller/reconstruct';

const shut = { open: false, closed: true }, wide = { open: true, closed: false }, between = { open: false, closed: false };

describe('reconstruction at boot', () => {
  it('places door E by its limits, closes it from between, and faults contradictory limits', () => {
    expect(bayDoorAfterBoot(shut).state).toBe('closed');
    expect(bayDoorAfterBoot(wide).state).toBe('open');
    expect(bayDoorAfterBoot(between).state).toBe('closing');
    expect(bayDoorAfterBoot({ open: true, closed: true }).state).toBe('faulted');
  });

  it('reads the environment from pressure and temperature, and holds a bay found between without pumping, venting or heating', () => {
    expect(environmentAfterBoot(101, 21, true, t).state).toBe('friendly');
    expect(environmentAfterBoot(101, 19.2, true, t).state).toBe('friendly');
    // Between the line a friendly bay is judged by afterwards and the line a boot claims from, it holds: noise at the
    // next scan can then never make the claim a leak (98 kPa) or a cooling (18 °C).
    expect(environmentAfterBoot(98.5, 21, true, t).state).toBe('holding');
    expect(environmentAfterBoot(101, 18.5, true, t).state).toBe('holding');
    expect(environmentAfterBoot(101, 5, true, t).state).toBe('holding');
    expect(environmentAfterBoot(0.5, -40, true, t).state).toBe('hostile');
    expect(environmentAfterBoot(50, 0, true, t).state).toBe('holding');
    expect(environmentAfterBoot(50, 21, true, t).state).toBe('holding');
    expect(environmentAfterBoot(NaN, 20, true, t).state).toBe('faulted');
  });

  it('rebuilds the environment hostile whenever door E is not closed, whatever the bay reads, even nothing (G5)', () => {
    expect(environmentAfterBoot(60, 20, false, t).state).toBe('hostile');
    expect(environmentAfterBoot(NaN, NaN, false, t).state).toBe('hostile');
  });

  it('claims for the deck only a settled state the bay shows, and never a goal: nobody asked since the boot', () => {
    expect(deckAfterBoot('friendly', 'closed')).toEqual({ state: 'relaxed' });
    expect(deckAfterBoot('hostile', 'open')).toEqual({ state: 'active' });
    expect(deckAfterBoot('hostile', 'closed')).toEqual({ state: 'ready' });
    for (const [env, door] of [['holding', 'closed'], ['hostile', 'closing'], ['friendly', 'faulted'], ['faulted', 'closed'], [undefined, undefined],
      ['constructor', 'name'], ['hostile', 'toString']]) {
      expect(deckAfterBoot(env, door)).toEqual({ state: 'standing by' });
    }
  });

  it('rests an airlock where its doors and chamber say, and brings one caught moving to a safe rest', () => {
    expect(airlockAfterBoot(shut, shut, 101, false, t).state).toBe('closed pressurized');
    expect(airlockAfterBoot(shut, shut, 0.5, true, t).state).toBe('closed depressurized');
    expect(airlockAfterBoot(shut, shut, 50, true, t).state).toBe('pressurizing');
    expect(airlockAfterBoot(wide, shut, 0.5, true, t).state).toBe('outer open hostile');
    expect(airlockAfterBoot(wide, shut, 101, false, t).state).toBe('outer open friendly');
    expect(airlockAfterBoot(shut, wide, 101, false, t).state).toBe('inner open');
    expect(airlockAfterBoot(between, shut, 101, false, t).state).toBe('closing outer');
    expect(airlockAfterBoot(shut, between, 101, false, t).state).toBe('closing inner');
    expect(airlockAfterBoot(between, between, 101, false, t).state).toBe('faulted');
    expect(airlockAfterBoot(shut, shut, NaN, false, t).state).toBe('faulted');
  });
});
