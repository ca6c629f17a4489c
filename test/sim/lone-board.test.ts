// A lone bench board beside the simulated rest of the bay, in virtual time: the Uno's file hosts airlock A, the
// simulator's nodes host everything else, all on the in-process bus. Here the Uno's pins are the simulator's own (the
// genuine-firmware tests run the same on an emulated Uno in wall time).
import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { createSimulatorDevice, type SimulatorDevice } from '../../sim/provider';
import { loadBoard } from '../../scripts/lib/board-file';
import { VirtualClock } from '../../sim/clock';
import { boardsAround, startLoneBoardBay, type LoneBoardBay } from '../../sim/lone-board';
import type { DeckStart } from '../../sim/world';

const uno = loadBoard('arduino-uno');
let bay: LoneBoardBay | undefined;
afterEach(() => { bay?.stop(); bay = undefined; });

function start(startAt: DeckStart) {
  const clock = new VirtualClock();
  const reports: ControllerReport[] = [];
  let device: SimulatorDevice | undefined;
  bay = startLoneBoardBay({ bench: uno, clock, start: startAt, onStep: () => device?.scan(), onReport: (r) => reports.push(r) });
  device = createSimulatorDevice({ board: uno, model: bay.model, clock });
  const node = bay.attach(device);
  const b = bay;
  const airlock = () => node.controller.machines['airlock A']!;
  const press = (button: string) => { b.model.buttons[button] = true; clock.advance(300); b.model.buttons[button] = false; };
  clock.advance(5000);
  return { clock, reports, airlock, press, model: b.model };
}

describe('a lone board beside the simulated bay', () => {
  it('is surrounded by the simulator boards for every machine it does not host', () => {
    expect(boardsAround(uno).map((b) => b.node).sort()).toEqual(['airlock-b', 'airlock-c', 'airlock-d', 'bay', 'bridge']);
    expect(boardsAround(loadBoard('arduino-mega')).map((b) => b.node)).toEqual(['airlock-d']);
  });

  it('opens its outer door to a hostile bay only once its chamber is really empty, and comes back in', () => {
    const w = start('ready');
    expect(w.airlock().state).toBe('closed pressurized');
    w.press('airlock A button 2');
    expect(w.airlock().state).toBe('depressurizing');
    // The outer door waits for the chamber to reach the bay's vacuum.
    while (w.airlock().state === 'depressurizing' && w.clock.now() < 60_000) {
      expect(w.model.airlocks.A.outer.motor).toBe(0);
      w.clock.advance(100);
    }
    expect(w.airlock().state).toBe('opening outer');
    expect(w.model.airlocks.A.chamberKpa).toBeLessThan(5);
    w.clock.advance(5000);
    expect(w.airlock().state).toBe('outer open hostile');
    w.press('airlock A button 3');
    w.clock.advance(20_000);
    expect(w.airlock().state).toBe('inner open');
    expect(w.reports.filter((r) => r.kind === 'fault' || r.kind === 'veto')).toEqual([]);
  });

  it('opens its outer door at once to a friendly bay, whose pressure its chamber already matches', () => {
    const w = start('relaxed');
    w.press('airlock A button 2');
    expect(w.airlock().state).toBe('opening outer');
    w.clock.advance(5000);
    expect(w.airlock().state).toBe('outer open friendly');
  });
});
