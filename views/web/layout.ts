// The page's fixed layout, read from the running machines' definitions and the board: whatever states and events they have.
import { airlockLetters } from '../../firmware/board/signals';
import { describeCell, type MachineDefinition } from '../../firmware';
import type { SimCluster } from '../../sim/cluster';
import type { SimWorld } from '../../sim/world';

/** The world as a cluster, when it is one. */
export const clusterOf = (world: SimWorld): SimCluster | undefined => ('bus' in world ? (world as SimCluster) : undefined);
import type { Layout, MatrixLayout } from './protocol';

/** The speeds the page offers (×1 to ×100). */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100];
/** What one press of Step advances, ms of simulated time. */
export const STEP_MS = 1000;

type Def = MachineDefinition<string, string, string, string>;

function matrixOf(id: string, def: Def): MatrixLayout {
  return {
    id, states: [...def.states], events: [...def.events],
    cells: def.states.map((state) => def.events.map((event) => {
      const cell = def.cell(state, event);
      return { kind: cell.kind, text: describeCell(cell) };
    })),
  };
}

export function layoutOf(world: SimWorld): Layout {
  const { controller } = world, board = controller.board;
  const hosted = (id: string) => controller.machines[id as 'battle deck'] !== undefined;
  const airlocks = airlockLetters.filter((l) => hosted(`airlock ${l}`));
  const machines = Object.entries(controller.machines)
    .filter(([, m]) => m !== undefined)
    .map(([id, m]) => matrixOf(id, m!.definition as Def));
  const doors = [
    ...(hosted('bay door') ? [{ id: 'bay door', label: 'door E' }] : []),
    ...airlocks.flatMap((l) => (['outer', 'inner'] as const).map((side) => ({ id: `airlock ${l} ${side}`, label: `airlock ${l} ${side} door` }))),
  ];
  const pumps = [
    ...(hosted('bay environment') ? [{ id: 'bay', label: 'bay pump' }] : []),
    ...airlocks.map((l) => ({ id: l, label: `airlock ${l} pump` })),
  ];
  const sensors = [
    ...(hosted('bay environment') ? [{ id: 'bay pressure', label: 'bay pressure', unit: 'kPa' }, { id: 'bay temperature', label: 'bay temperature', unit: '°C' }] : []),
    ...airlocks.map((l) => ({ id: `airlock ${l} chamber pressure`, label: `airlock ${l} chamber pressure`, unit: 'kPa' })),
  ];
  return {
    board: board.name, airlocks: [...airlocks], machines,
    deckRequests: hosted('battle deck') ? ['active', 'ready', 'relaxed'] : [],
    doors, pumps, sensors, speeds: SPEEDS, stepMs: STEP_MS,
    // A cluster: every node, and its link to the bus (cutting it partitions that node).
    nodes: clusterOf(world) ? Object.keys(clusterOf(world)!.nodes).map((id) => ({ id, label: id })) : [],
    links: clusterOf(world) ? Object.keys(clusterOf(world)!.nodes).map((id) => ({ id, label: `${id} ↔ bus` })) : [],
  };
}
