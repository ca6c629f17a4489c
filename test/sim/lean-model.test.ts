// A device build's simulated hardware is lean: only the airlocks the board wires, and their buttons, are built;
// the board's RAM budget pays for them (docs/BENCHMARKS.md). It must still be the same physics for what exists.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { LaunchBayModel } from '../../sim/physics';
import { hostedAirlocks } from '../../hal/board/signals';
import { createSimulatorDevice } from '../../sim/provider';
import { buildPinTable, inputLevel } from '../../sim/provider/pin-table';
import { setOutput } from '../../sim/provider/bindings';
import { run } from './physics-helpers';

const noClock = { now: () => 0, set: () => 0, clear() {} } as never;

describe('a lean model', () => {
  it('builds only the airlocks in its letters; every other one is one frozen airlock standing still', () => {
    const model = new LaunchBayModel({ letters: ['B'], lean: true });
    expect(model.airlocks.A).toBe(model.airlocks.C);
    expect(model.airlocks.B).not.toBe(model.airlocks.A);
    expect(Object.isFrozen(model.airlocks.A) && Object.isFrozen(model.airlocks.A.outer)).toBe(true);
    expect(() => { model.airlocks.A.pumpOn = true; }).toThrow(TypeError);
    model.airlocks.B.ventOn = true;
    run(model, 60_000);
    expect(model.airlocks.B.chamberKpa).toBeLessThan(5);
    expect(model.airlocks.A.chamberKpa).toBe(new LaunchBayModel().airlocks.A.chamberKpa);
  });

  it('has the deck\'s buttons and its airlocks\' only; a full model has every one', () => {
    const lean = new LaunchBayModel({ letters: ['B'], lean: true }), full = new LaunchBayModel({ letters: ['B'] });
    expect(Object.keys(lean.buttons).sort()).toEqual(Object.keys(full.buttons).filter((b) => !b.startsWith('airlock ') || b.startsWith('airlock B ')).sort());
    expect(lean.buttonCell('airlock A button 1')).toBeUndefined();
    expect(full.buttonCell('airlock A button 1')).toEqual({ pressed: false });
    lean.buttons['airlock B button 2'] = true;
    expect(lean.buttonCell('airlock B button 2')).toEqual({ pressed: true });
    expect(lean.buttonCell('no such button')).toBeUndefined();
  });


  it('runs every pin a board wires, as the full model does', () => {
    for (const name of ['sim', 'pico', 'sim-airlock-c']) {
      const board = loadBoard(name), model = new LaunchBayModel({ letters: hostedAirlocks([board]), lean: true });
      expect(() => createSimulatorDevice({ board, model, clock: noClock })).not.toThrow();
      const table = buildPinTable(board, model);
      for (const e of table.digital.values()) {
        // Nothing pressed; every door closed, so only the closed limits are tripped.
        if (e.input) expect([name, e.name, inputLevel(e)]).toEqual([name, e.name, e.name.endsWith('closed limit') ? e.activeLevel : e.activeLevel ^ 1]);
        else setOutput(e.output!, true);
      }
    }
  });
});
