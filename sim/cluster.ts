// A simulated launch bay run by several nodes, one per board, on the in-process bus: the same physics and clock,
// each node on its own simulated board, coordinating only through signed messages.
import { airlockLetters, type MachineId } from '../firmware/board/signals';
import { createMemory } from '../firmware/coordination';
import type { Board } from '../firmware/board/types';
import type { Controller } from '../firmware/controller';
import type { HmacSha256 } from '../firmware/net/hmac';
import { nodeNameOf as nodeOf, startNode, type Node } from '../firmware/net/node';
import { hmacSha256 } from '../firmware/net/sha256';
import { startDeviceNode } from '../firmware/net/device-node';
import { createModdableMqttTransport, type DeviceMqttTransport } from '../firmware/net/moddable-mqtt';
import { createPreferenceStore } from '../firmware/net/preference-store';
import { EPOCH_RECORD } from '../firmware/net/state-store';
import { createSimulatorDevice, type SimulatorDevice } from './provider';
import { InProcessBus } from './bus';
import { createSimBroker, type SimBroker } from './mqtt-client';
import { SimPreference } from './preference';
import { SimStateStore } from './state-store';
import { VirtualClock } from './clock';
import type { ControllerReport } from '../firmware/controller';
import { InvariantMonitor } from './invariants';
import { pressButton, startingPoint, type SimWorld, type SimWorldOptions } from './world';

export interface SimClusterOptions extends Omit<SimWorldOptions, 'board'> {
  boards: Board[];
  /** Heartbeat period T, ms (default 1000). */
  heartbeatMs?: number;
  hmac?: HmacSha256;
  /**
   * Nodes run as a board runs them (firmware/net/device-node.ts): provisioning checked, state in a simulated
   * Preference, and Moddable's MQTT client on a simulated broker over the same bus. `'all'` for every node.
   */
  deviceNodes?: readonly string[] | 'all';
  /** A node saw a peer begin a new epoch (startNode's onPeerRestart). */
  onPeerRestart?(node: string): void;
}

export interface SimCluster extends SimWorld {
  readonly bus: InProcessBus;
  /** The running node of each name (absent while it is powered off). */
  readonly nodes: { readonly [name: string]: Node | undefined };
  /** Each node's provisioned keys: one per pair of nodes, each node holding only its own. */
  readonly keys: { readonly [node: string]: Map<string, string> };
  /** Each host node's flash: its epoch and replay windows survive its reboots (tests and the soak may break them). */
  readonly stores: { readonly [node: string]: SimStateStore };
  /** Each device node's Preference (see `deviceNodes`), and the broker its MQTT client reaches. */
  readonly preferences: { readonly [node: string]: SimPreference };
  readonly broker: SimBroker;
  /** Each node's current epoch (its last one while it is off). */
  readonly epochs: { readonly [node: string]: number };
}

/** A seeded stream of bytes as hex digits (xorshift): the same run every time, in virtual time. */
function seededHex(seed: number): (bytes: number) => string {
  let x = (seed * 2654435761) >>> 0 || 1;
  const byte = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return (x & 255).toString(16).padStart(2, '0'); };
  return (bytes) => Array.from({ length: bytes }, byte).join('');
}

/** The simulation's nonces: seeded, so a run repeats, and never the same twice within it (one stream for every
 * node, across its reboots). Nothing in a simulation is attacked by guessing; real nodes draw theirs from
 * node:crypto or the board's random source. */
export const simNonces = (seed: number): (() => string) => { const next = seededHex(seed ^ 0x5eed); return () => next(16); };

/** Pairwise test keys from a seeded generator: real boards get theirs from `npm run keys` (docs/PROTOCOL.md). */
export function testKeys(boards: Board[], seed: number): { [node: string]: Map<string, string> } {
  const next = seededHex(seed);
  const names = boards.map(nodeOf), keys = Object.fromEntries(names.map((n) => [n, new Map<string, string>()]));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const key = next(32);
      keys[names[i]].set(names[j], key); keys[names[j]].set(names[i], key);
    }
  }
  return keys;
}

export function createSimCluster(o: SimClusterOptions): SimCluster {
  const clock = new VirtualClock();
  const { initial, model } = startingPoint(o);
  const bus = new InProcessBus(clock, o.seed ?? 1);
  const keys = testKeys(o.boards, o.seed ?? 1), nonce = simNonces(o.seed ?? 1);
  // Flashed boards start at epoch 0 (a first boot, not a lost record).
  const isDevice = (name: string) => o.deviceNodes === 'all' || (o.deviceNodes ?? []).includes(name);
  const stores = Object.fromEntries(o.boards.filter((b) => !isDevice(nodeOf(b))).map((b) => { const s = new SimStateStore(); s.put(EPOCH_RECORD, '0'); return [nodeOf(b), s]; }));
  const preferences = Object.fromEntries(o.boards.filter((b) => isDevice(nodeOf(b))).map((b) => {
    const flash = new SimPreference();
    createPreferenceStore(flash).put(EPOCH_RECORD, '0');
    return [nodeOf(b), flash];
  }));
  const broker = createSimBroker(bus, clock);
  const epochs: { [node: string]: number } = {};
  const nodes: { [name: string]: Node | undefined } = {};
  const devices: { [name: string]: SimulatorDevice | undefined } = {};
  const transports: { [name: string]: DeviceMqttTransport | undefined } = {};
  const stepMs = o.stepMs ?? 50;
  const directory = new Map<string, string>(o.boards.flatMap((b) => b.hosts.map((id) => [id, nodeOf(b)] as [string, string])));
  const onReport = (r: ControllerReport) => { invariants.report(r); o.onReport?.(r); };

  const boot = (board: Board, trusted: boolean) => {
    const name = nodeOf(board);
    const device = devices[name] = createSimulatorDevice({ board, model, clock });
    const mine = Object.fromEntries(Object.entries(initial).filter(([id]) => board.hosts.includes(id as MachineId)));
    const common = { board, device, clock, hmac: o.hmac ?? hmacSha256, nonce, onPeerRestart: o.onPeerRestart, heartbeatMs: o.heartbeatMs, thresholds: o.thresholds, onReport, initial: trusted ? mine : undefined };
    if (isDevice(name)) {
      // As `npm run keys` writes it, and as the build puts it in the image.
      const provision = { node: name, keys: Object.fromEntries(keys[name]!), directory: Object.fromEntries(directory) };
      const transport = createModdableMqttTransport(broker.Client, { host: 'broker', port: 1883, node: name, clock });
      transports[name] = transport;
      nodes[name] = startDeviceNode({ ...common, provision, preferences: preferences[name]!, transport });
    } else {
      nodes[name] = startNode({ ...common, transport: bus.attach(name), keys: keys[name], store: stores[name]!, directory });
    }
  };
  for (const b of o.boards) boot(b, true);

  const hostOf = (id: MachineId) => o.boards.find((b) => b.hosts.includes(id));
  const running = (id: MachineId) => { const b = hostOf(id); return b ? nodes[nodeOf(b)]?.controller : undefined; };
  // One view over every node's controller, for scenarios, views and the invariant monitor.
  const facade = {
    board: { name: 'sim cluster', hosts: o.boards.flatMap((b) => b.hosts), signals: Object.assign({}, ...o.boards.map((b) => b.signals)) },
    get machines() {
      const all: { [id: string]: unknown } = {};
      for (const n of Object.values(nodes)) if (n) Object.assign(all, n.controller.machines);
      return all;
    },
    get started() { return running('bay environment')?.started ?? false; },
    send(id: MachineId, event: string) { running(id)?.send(id, event); },
    scan() { for (const n of Object.values(nodes)) n?.controller.scan(); },
    // Each node keeps its part of the coordination's memory: recalls and held-back goals at the airlocks,
    // the evidence at the bridge. Together they are the system's.
    snapshot() {
      const parts = Object.values(nodes).filter((n): n is Node => n !== undefined).map((n) => n.controller.snapshot());
      const memory = createMemory();
      for (const part of parts) {
        for (const l of airlockLetters) {
          memory.recalled[l] ||= part.memory.recalled[l];
          memory.heldBack[l] ||= part.memory.heldBack[l];
        }
      }
      const bridge = running('battle deck');
      if (bridge) { const m = bridge.snapshot().memory; memory.evidence = m.evidence; memory.claimed = m.claimed; }
      return { machines: Object.assign({}, ...parts.map((p) => p.machines)), memory };
    },
  } as unknown as Controller;
  const invariants = new InvariantMonitor(model, () => (running('bay environment') ? facade : undefined), () => clock.now());
  const physics = clock.set(() => {
    model.step(stepMs);
    for (const d of Object.values(devices)) d?.scan();
    invariants.check();
  }, stepMs, stepMs);

  const powerOff = (board: Board) => {
    const name = nodeOf(board);
    if (nodes[name]) epochs[name] = nodes[name]!.link.epoch;
    nodes[name]?.stop(); transports[name]?.close(); transports[name] = undefined; bus.detach(name);
    nodes[name] = undefined; devices[name] = undefined;
  };

  return {
    clock, model, invariants, bus, nodes, keys, stores, preferences, broker,
    get epochs() {
      return Object.fromEntries(o.boards.map((b) => [nodeOf(b), nodes[nodeOf(b)]?.link.epoch ?? epochs[nodeOf(b)] ?? 0]));
    },
    controller: facade,
    // Some node runs: the facade routes each request to its machine's node, and drops it while that node is down.
    get powered() { return o.boards.some((b) => nodes[nodeOf(b)] !== undefined); },
    press: (signal, ms = 200) => { invariants.pressed(signal); pressButton(model, clock, signal, ms); },
    request(deck) {
      if (!running('battle deck')) return;
      invariants.requested();
      facade.send('battle deck', `${deck} requested`);
    },
    reset(machine) {
      const m = running(machine)?.machines[machine];
      if (!m) return;
      const wasFaulted = m.state === 'faulted';
      facade.send(machine, 'reset');
      if (wasFaulted && m.state !== 'faulted') invariants.reset(machine);
    },
    advance: (ms) => clock.advance(ms),
    reboot(downMs, node) {
      for (const b of o.boards.filter((x) => node === undefined || nodeOf(x) === node)) {
        if (!nodes[nodeOf(b)]) continue;
        powerOff(b);
        invariants.powerLost(b.hosts);
        o.onReport?.({ t: clock.now(), kind: 'fault', machine: nodeOf(b), detail: `power lost for ${downMs / 1000} s` });
        clock.set(() => boot(b, false), Math.max(downMs, 1));
      }
    },
    stop() { clock.clear(physics); for (const b of o.boards) if (nodes[nodeOf(b)]) powerOff(b); },
  };
}
