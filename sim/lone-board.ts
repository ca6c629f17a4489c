// A lone board with the rest of the bay around it: a bench board that hosts some machines (the Uno, airlock A) runs
// as a node on the in-process bus, beside nodes from the host simulator for every machine it does not host (the bay
// node, the bridge, the other airlocks) on one physics model, all in the bench's wall time. The bench board's
// airlocks then get real evidence about the bay, and an outer door opens when the pressures really match.
import type { MachineId } from '../firmware/board/signals';
import type { Board } from '../firmware/board/types';
import type { Controller, ControllerReport } from '../firmware/controller';
import { nodeNameOf as nodeOf, startNode, type Node } from '../firmware/net/node';
import { hmacSha256 } from '../firmware/net/sha256';
import { EPOCH_RECORD, MemoryStateStore } from '../firmware/net/state-store';
import { createSimulatorDevice, type SimulatorDevice } from './provider';
import type { Clock, Device, TimerId } from '../hal/types';
import { listBoards, loadBoard } from '../boards/load';
import { InProcessBus } from './bus';
import { simNonces, testKeys } from './cluster';
import type { LaunchBayModel } from './physics';
import { startingPoint, type DeckStart } from './world';

export interface LoneBoardBayOptions {
  /** The bench board: its machines are the ones the simulator leaves out. */
  bench: Board;
  clock: Clock;
  /** The deck state the simulated bay starts settled in (default relaxed). */
  start?: DeckStart;
  physics?: Parameters<typeof startingPoint>[0]['physics'];
  /** Physics step, ms (default 50). */
  stepMs?: number;
  heartbeatMs?: number;
  onReport?(report: ControllerReport): void;
  /** Called after each physics step: an emulated board's rig reads the model here. */
  onStep?(): void;
}

export interface LoneBoardBay {
  readonly model: LaunchBayModel;
  readonly bus: InProcessBus;
  /** The simulated boards around the bench board. */
  readonly simulated: readonly Board[];
  /** The running nodes by name, the bench board's included while it is attached. */
  readonly nodes: { readonly [name: string]: Node | undefined };
  /** One view over every node's machines, for the live view and the deck's keys (each request goes to its node). */
  readonly controller: Controller;
  /** Starts the bench board's node on `device` (again after a lost link: a new boot, a new epoch). */
  attach(device: Device): Node;
  /** Stops the bench board's node (its link is gone): its outputs off, its reports stop. */
  detach(): void;
  stop(): void;
}

/** The simulator's one-machine-group boards (sim-bay, sim-bridge, sim-airlock-a…d) that cover what `bench` does not host. */
export function boardsAround(bench: Board): Board[] {
  const sims = listBoards().filter((n) => n.startsWith('sim-')).map((n) => loadBoard(n));
  return sims.filter((b) => b.hosts.every((id) => !bench.hosts.includes(id)));
}

export function startLoneBoardBay(o: LoneBoardBayOptions): LoneBoardBay {
  const simulated = boardsAround(o.bench);
  const missing = (['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C', 'airlock D'] as MachineId[])
    .filter((id) => !o.bench.hosts.includes(id) && !simulated.some((b) => b.hosts.includes(id)));
  if (missing.length) throw new Error(`lone board: no simulator board hosts ${missing.join(', ')} beside board ${o.bench.name}`);
  const { initial, model } = startingPoint({ start: o.start, physics: o.physics });
  const bus = new InProcessBus(o.clock);
  const all = [...simulated, o.bench];
  const keys = testKeys(all, 1);
  // Each node's flash: its boot count (from 0, a first boot) and replay windows survive a restart, as on a board.
  const stores = Object.fromEntries(all.map((b) => { const s = new MemoryStateStore(); s.put(EPOCH_RECORD, '0'); return [nodeOf(b), s]; }));
  const directory = new Map<string, string>(all.flatMap((b) => b.hosts.map((id) => [id, nodeOf(b)] as [string, string])));
  const nodes: { [name: string]: Node | undefined } = {};
  const devices: SimulatorDevice[] = [];
  const common = { clock: o.clock, hmac: hmacSha256, nonce: simNonces(1), heartbeatMs: o.heartbeatMs, onReport: o.onReport, directory };
  const own = (b: Board) => ({ keys: keys[nodeOf(b)]!, store: stores[nodeOf(b)]!, transport: bus.attach(nodeOf(b)) });
  for (const board of simulated) {
    const device = createSimulatorDevice({ board, model, clock: o.clock });
    devices.push(device);
    const mine = Object.fromEntries(Object.entries(initial).filter(([id]) => board.hosts.includes(id as MachineId)));
    nodes[nodeOf(board)] = startNode({ ...common, ...own(board), board, device, initial: mine });
  }
  const stepMs = o.stepMs ?? 50;
  // The physics follows the clock, not the count of steps: a wall clock's late timer (a loaded host) still moves the
  // chamber as far as the time that really passed.
  let last = o.clock.now();
  const physics: TimerId = o.clock.set(() => {
    const now = o.clock.now();
    model.step(Math.max(0, now - last));
    last = now;
    for (const d of devices) d.scan();
    o.onStep?.();
  }, stepMs, stepMs);
  const benchName = nodeOf(o.bench);

  const detach = () => {
    nodes[benchName]?.stop();
    bus.detach(benchName);
    nodes[benchName] = undefined;
  };
  const hostOf = (id: string) => all.find((b) => b.hosts.includes(id as MachineId));
  const controller = {
    board: { ...o.bench, name: `${o.bench.name} with the simulated bay`, hosts: all.flatMap((b) => b.hosts) },
    get machines() {
      const machines: { [id: string]: unknown } = {};
      for (const n of Object.values(nodes)) if (n) Object.assign(machines, n.controller.machines);
      return machines;
    },
    send(id: MachineId, event: string) { const b = hostOf(id); if (b) nodes[nodeOf(b)]?.controller.send(id, event); },
  } as unknown as Controller;
  return {
    model, bus, simulated, nodes, controller,
    attach(device) {
      detach();
      // No trusted start: like any board after power-up, it reconstructs its machines from its own switches and sensors.
      const node = startNode({ ...common, ...own(o.bench), board: o.bench, device });
      nodes[benchName] = node;
      return node;
    },
    detach,
    stop() {
      o.clock.clear(physics);
      detach();
      for (const b of simulated) { nodes[nodeOf(b)]?.stop(); bus.detach(nodeOf(b)); nodes[nodeOf(b)] = undefined; }
    },
  };
}
