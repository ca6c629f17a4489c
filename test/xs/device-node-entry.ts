// The device nodes' run for the XS check: every node started as a board starts it (provisioning checked, state in
// Preference, Moddable's MQTT client through our adapter, on a simulated broker), through a red alert with the
// bay's connection dropped and the broker down for a while. The same code on Node and in xsnap; answered as JSON.
import { validateBoard, type Board } from '../../firmware/board';
import { validateMcu } from '../../boards/validate-mcu';
import type { ControllerReport } from '../../firmware/controller';
import { createPreferenceStore } from '../../firmware/net/preference-store';
import { createSimCluster } from '../../sim/cluster';
import { clusterBoards } from '../../sim/scenario/format';

export interface BoardFiles { [name: string]: { board: unknown; mcu: unknown } }

export function deviceRun(files: BoardFiles): unknown {
  const boards: Board[] = clusterBoards.map((name) => {
    const raw = files[name]!;
    const mcu = validateMcu(raw.mcu, `boards/mcu/${(raw.board as { mcu: string }).mcu}.json`);
    return validateBoard(raw.board, mcu, `boards/${name}.json`);
  });
  const trace: ControllerReport[] = [];
  const world = createSimCluster({ boards, deviceNodes: 'all', onReport: (r) => trace.push(r) });
  const states = () => Object.fromEntries(Object.entries(world.controller.machines as Record<string, { state: string }>).map(([id, m]) => [id, m.state]));
  world.advance(3000);
  world.press('airlock B button 2');
  world.advance(1500);
  world.controller.send('battle deck', 'ready requested');
  world.advance(5000);
  world.broker.drop('bay');
  world.advance(3000);
  world.broker.up = false;
  world.advance(4000);
  const whileDown = { states: states(), connected: [...world.broker.connected].sort() };
  world.broker.up = true;
  world.advance(110_000);
  const records = Object.fromEntries(Object.entries(world.preferences).map(([node, flash]) => {
    const store = createPreferenceStore(flash);
    return [node, { epoch: store.get('epoch'), peers: store.get('peers') }];
  }));
  const result = {
    trace, whileDown, end: states(), epochs: world.epochs, connected: [...world.broker.connected].sort(), records,
    bayKpa: Math.round(world.model.bay.kPa * 1000) / 1000, violations: world.invariants.violations,
  };
  world.stop();
  return result;
}

(globalThis as { deviceRun?: typeof deviceRun }).deviceRun = deviceRun;
