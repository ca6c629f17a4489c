// Sensor truth beside physics, outside the browser: what a stuck sensor gives, what the controller reads, and a
// stuck value no ADC can read refused where it is injected.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { checkAgainstBoards } from '../../sim/scenario/check-board';
import { parseScenario } from '../../sim/scenario/format';
import { sensorSignals, sensorTruths, stuckRefusal } from '../../sim/sensors';
import { createSimCluster } from '../../sim/cluster';
import { clusterBoards } from '../../sim/scenario/format';
import { createSimWorld } from '../../sim/world';

describe('sensor truth', () => {
  it("reads airlock A's chamber stuck at 50 kPa as 50 beside the 101.3 kPa physics holds, and says they differ", () => {
    const world = createSimWorld({ board: loadBoard('sim'), seed: 1 });
    world.advance(1000);
    world.model.sensorFaults['airlock A chamber pressure'] = { kind: 'stuck', value: 50 };
    const [truth] = sensorTruths(world.model, [world.controller], sensorSignals(['A'], false));
    expect(truth).toMatchObject({ signal: 'airlock A chamber pressure', physical: 101.3, gives: 50, differs: true });
    world.advance(10_000);
    expect(sensorTruths(world.model, [world.controller], sensorSignals(['A'], false))[0]).toMatchObject({ gives: 50, reads: null, differs: true });
    world.stop();
  });

  it('reads a cluster\'s sensors through the node that wires each one', () => {
    const world = createSimCluster({ boards: clusterBoards.map((b) => loadBoard(b)), seed: 1 });
    world.advance(3000);
    const controllers = Object.values(world.nodes).flatMap((n) => (n ? [n.controller] : []));
    world.model.sensorFaults['airlock C chamber pressure'] = { kind: 'stuck', value: 60 };
    const truths = sensorTruths(world.model, controllers, sensorSignals(['C'], true));
    expect(truths.map((t) => [t.signal, t.reads === undefined ? 'not reported' : t.reads === null ? 'unknown' : Math.abs(t.reads - 101.3) < 1 ? 'about 101.3' : Math.round(t.reads * 10) / 10, t.differs])).toEqual([
      ['bay pressure', 'about 101.3', false], ['bay temperature', 'not reported', false], ['airlock C chamber pressure', 60, true]]);
    world.stop();
  });

  it('looks without changing the run: the noise after a look is the noise without it', () => {
    const runs = [false, true].map((look) => {
      const world = createSimWorld({ board: loadBoard('sim'), seed: 3 });
      const readings: number[] = [];
      for (let i = 0; i < 20; i++) {
        if (look) sensorTruths(world.model, [world.controller], sensorSignals(world.model.letters, true));
        world.advance(100);
        readings.push(world.controller.facts.bayKpa());
      }
      world.stop();
      return readings;
    });
    expect(runs[1]).toEqual(runs[0]);
  });

  it('refuses a stuck value outside what an analog sensor reads, in the bench and in a scenario file', () => {
    const board = loadBoard('sim');
    expect(stuckRefusal(board, 'airlock A chamber pressure', 50)).toBeUndefined();
    expect(stuckRefusal(board, 'airlock A chamber pressure', -999)).toMatch(/reads 0 to 120 .*cannot be stuck at -999/);
    const text = '{ "name": "stuck low",\n  "steps": [\n    { "at": 0, "sensorFault": "airlock A chamber pressure", "stuck": -999 } ] }';
    expect(() => checkAgainstBoards(parseScenario(text, 'low.json'), board)).toThrow(/low\.json:3: steps\[0\]\.stuck: airlock A chamber pressure .* cannot be stuck at -999/);
  });
});
