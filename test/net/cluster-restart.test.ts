// Restarts on the in-process bus: a rebooted node rebuilds from its sensors on the one shared bay, a recording
// replayed into it moves nothing, a lost epoch record is recovered from the peers, and a compromised airlock node
// moves nothing but its own airlock.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { Link } from '../../firmware/net/link';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';
import { hmacSha256 } from '../../firmware/net/sha256';
import { loadBoard } from '../../scripts/lib/board-file';
import { createSimCluster } from '../../sim/cluster';
import { clusterBoards } from '../../sim/scenario/format';

const boards = clusterBoards.map((b) => loadBoard(b));
function cluster(start: 'relaxed' | 'ready' | 'active' = 'relaxed') {
  const reports: ControllerReport[] = [];
  const world = createSimCluster({ boards, start, onReport: (r) => reports.push(r) });
  world.advance(3000);
  const state = (id: string) => (world.controller.machines as Record<string, { state: string } | undefined>)[id]?.state;
  return { world, reports, state };
}
const rebuilt = (reports: ControllerReport[], since: number) =>
  reports.filter((r) => r.t >= since && r.event === 'reconstructed from sensors').map((r) => `${r.machine}: ${r.to}`);

describe('restarts on the bus', () => {
  it('a bay node rebooted while active rebuilds door E open and the bay hostile from its sensors', () => {
    const { world, reports, state } = cluster('active');
    const at = world.clock.now();
    world.reboot(2000, 'bay');
    world.advance(10_000);
    expect(rebuilt(reports, at)).toEqual(['bay door: open', 'bay environment: hostile']);
    expect(state('battle deck')).toBe('active');
    expect(world.nodes.bridge!.replicas.state('bay door')).toBe('open');
    expect(world.epochs.bay).toBe(2);
    expect(world.invariants.violations).toEqual([]);
  });

  it('a recorded active session replayed into a rebooted bay is rejected and moves nothing', () => {
    const { world, state, reports } = cluster('ready');
    world.controller.send('battle deck', 'active requested');
    world.advance(40_000);
    expect(state('bay door')).toBe('open');
    world.controller.send('battle deck', 'relaxed requested');
    world.advance(400_000);
    expect([state('battle deck'), state('bay door'), state('bay environment')]).toEqual(['relaxed', 'closed', 'friendly']);
    const session = world.bus.captured.filter((m) => m.from === 'bridge' && (m.to === 'bay' || m.to === '*'));
    expect(session.some((m) => m.text.includes('open requested'))).toBe(true);
    world.reboot(1000, 'bay');
    world.advance(5000);
    const bay = world.nodes.bay!, before = bay.link.rejected.stale + bay.link.rejected.replayed, at = world.clock.now();
    for (const m of session) world.bus.inject('bay', m.text);
    world.advance(30_000);
    // Every message refused, but the bridge's challenges: those get an answer nobody waits for.
    const challenges = session.filter((m) => m.text.includes('"kind":"challenge"')).length;
    expect(bay.link.rejected.stale + bay.link.rejected.replayed - before).toBe(session.length - challenges);
    expect([state('battle deck'), state('bay door'), state('bay environment')]).toEqual(['relaxed', 'closed', 'friendly']);
    // No command of the session was obeyed.
    expect(reports.filter((r) => r.t >= at && r.kind === 'transition' && /requested$/.test(r.event ?? ''))).toEqual([]);
    expect(reports.some((r) => r.machine === 'bay' && /rejected message from bridge: stale/.test(r.detail ?? ''))).toBe(true);
    expect(world.invariants.violations).toEqual([]);
  });

  for (const [what, spoil] of [['lost', (s: MemoryStateStore) => s.delete(EPOCH_RECORD)], ['corrupt', (s: MemoryStateStore) => s.put(EPOCH_RECORD, '7.5')]] as const) {
    it(`a node whose epoch record is ${what} recovers past its old epoch from its peers and is heard again`, () => {
      const { world, reports } = cluster();
      world.reboot(1000, 'airlock-c'); world.advance(5000);
      world.reboot(1000, 'airlock-c'); world.advance(5000);
      expect(world.epochs['airlock-c']).toBe(3);
      world.reboot(1000, 'airlock-c');
      spoil(world.stores['airlock-c']);
      world.advance(10_000);
      expect(world.epochs['airlock-c']).toBe(4);
      expect(world.nodes['airlock-c']!.link.recovering).toBe(false);
      expect(world.nodes.bay!.link.heard['airlock-c'][0]).toBe(4);
      expect(world.nodes.bridge!.replicas.state('airlock C')).toBeDefined();
      expect(reports.some((r) => r.machine === 'airlock-c' && /epoch 4: proven: .*its record was lost/.test(r.detail ?? ''))).toBe(true);
    });
  }

  it('a compromised airlock node, holding its own keys, cannot command door E or speak for the bay', () => {
    const { world, state } = cluster('ready');
    const flash = new MemoryStateStore(); flash.put(EPOCH_RECORD, '40');
    const mallory = new Link({ node: 'airlock-b', keys: world.keys['airlock-b'], store: flash, hmac: hmacSha256, now: () => 0, send() {}, nonce: () => '00'.repeat(16) });
    world.stores['airlock-b'].put(EPOCH_RECORD, '41'); // its real self will come back past the attacker's epoch
    world.reboot(60_000, 'airlock-b');
    for (const m of world.bus.captured.slice(-30)) mallory.open(m.text);
    world.bus.inject('bay', mallory.seal('bay', 'command', { machine: 'bay door', event: 'open requested' }));
    world.bus.inject('bay', mallory.seal('bay', 'command', { machine: 'bay environment', event: 'friendly requested' }));
    world.bus.inject('bridge', mallory.seal('*', 'report', { machines: { 'bay door': { state: 'open' } }, facts: { 'bay kPa': 101 }, heard: {} }));
    world.advance(10_000);
    expect(world.nodes.bay!.link.rejected.unauthorized).toBe(2);
    expect(world.nodes.bridge!.link.rejected.unauthorized).toBe(1);
    expect([state('bay door'), state('bay environment'), state('battle deck')]).toEqual(['closed', 'hostile', 'ready']);
  });

  it('a deck whose bay restarted lets its goal go: it never shows a state its evidence contradicts, and drives nothing back (issue 27)', () => {
    const { world, state, reports } = cluster('active');
    world.reboot(2000, 'bay');
    // While the bay node is down its world changes under it: door E shut, the bay full again (what a restarted
    // process with physics of its own would have invented).
    world.advance(500);
    Object.assign(world.model.bayDoor, { position: 0 });
    Object.assign(world.model.bay, { kPa: 101.3, tempC: 20 });
    const back = world.clock.now() + 1500;
    let shownAgainstEvidence = 0, doorMoved = false;
    for (let t = 0; t < 120_000; t += 100) {
      world.advance(100);
      const bridge = world.nodes.bridge!, evidence = bridge.controller.system.coordination.memory.evidence;
      if (world.clock.now() > back + 3000 && state('battle deck') === 'active' && (evidence.bayDoor !== 'open' || evidence.bayEnvironment !== 'hostile')) shownAgainstEvidence++;
      doorMoved ||= world.model.bayDoor.position > 0;
    }
    expect(rebuilt(reports, back - 100)).toEqual(['bay door: closed', 'bay environment: friendly']);
    expect(shownAgainstEvidence).toBe(0);
    // Nobody asked since the bay's boot: no re-drive. The deck claims what the fresh reports show, with no goal.
    expect(doorMoved).toBe(false);
    expect([state('battle deck'), state('bay door'), state('bay environment')]).toEqual(['relaxed', 'closed', 'friendly']);
    expect(world.nodes.bridge!.controller.machines['battle deck']!.goal).toBeUndefined();
    expect(world.invariants.violations).toEqual([]);
  });
});

// Issues 22 and 27 on every kind of node: the bridge, the bay and an airlock lose their state store, get one
// restored from an older copy, or one that refuses writes, while an outsider replays what it recorded of them.
describe('a node whose state store is lost, older or unwritable, on every kind of node', () => {
  /** Recorded peer traffic for `node` bound to its epoch `epoch` (reports and commands: what could be acted on). */
  const boundTo = (world: ReturnType<typeof cluster>['world'], node: string, epoch: number) => world.bus.captured.filter((m) => {
    if (m.from === node || (m.to !== node && m.to !== '*')) return false;
    const e = JSON.parse(m.text);
    return (e.kind === 'report' || e.kind === 'command') && e.macs[node]?.[0] === epoch;
  }).map((m) => m.text);
  const peersOf = (node: string) => Object.keys(cluster().world.keys).filter((n) => n !== node);
  /** Three boots of `node`, recorded: one message per peer bound to the first, everything bound to the second. */
  function recorded(node: string) {
    const c = cluster();
    const { world } = c, first = world.epochs[node]!;
    const steer = peersOf(node).map((p) => boundTo(world, node, first).find((t) => JSON.parse(t).from === p)!);
    const snapshot = new MemoryStateStore();
    for (const r of [EPOCH_RECORD, 'peers']) snapshot.put(r, world.stores[node].get(r)!);
    world.reboot(1000, node); world.advance(5000);
    const second = boundTo(world, node, first + 1);
    world.reboot(1000, node); world.advance(5000);
    expect(world.epochs[node]).toBe(first + 2);
    return { ...c, steer, second, snapshot, used: first + 2 };
  }
  /** Boots `node` with its peers cut off (replaying `replay` into it meanwhile), then heals them. Returns how many
   * messages it accepted while cut off and how many of the replayed it refused. */
  function bootCutOff(c: ReturnType<typeof recorded>, node: string, spoil: () => void, replay: string[]) {
    const { world } = c, peers = peersOf(node);
    world.reboot(1000, node);
    spoil();
    world.advance(1000);
    for (const p of peers) world.bus.cut.add(p);
    const link = world.nodes[node]!.link, before = link.rejected.stale + link.rejected.replayed;
    for (const text of replay) world.bus.inject(node, text);
    world.advance(3000);
    const acceptedCutOff = link.accepted, refused = link.rejected.stale + link.rejected.replayed - before, deaf = link.recovering;
    for (const p of peers) world.bus.cut.delete(p);
    world.advance(5000);
    return { acceptedCutOff, refused, deaf };
  }

  for (const node of ['bridge', 'bay', 'airlock-c']) {
    it(`${node}: a lost store is not steered by replayed messages, and nothing recorded is accepted`, () => {
      const c = recorded(node), { world } = c;
      const r = bootCutOff(c, node, () => { world.stores[node].delete(EPOCH_RECORD); world.stores[node].delete('peers'); }, [...c.steer, ...c.second]);
      expect(r).toEqual({ acceptedCutOff: 0, refused: c.steer.length + c.second.length, deaf: true });
      expect(world.epochs[node]).toBe(c.used + 1);
      expect(world.nodes[node]!.link.recovering).toBe(false);
      expect(c.reports.some((x) => x.machine === node && new RegExp(`epoch ${c.used + 1}: proven: .*knew was ${c.used}; its record was lost`).test(x.detail ?? ''))).toBe(true);
      // Replayed again once it runs: every message refused as made for an older boot, nothing obeyed.
      const at = world.clock.now(), old = new RegExp(`made for this node's epoch ${c.used - 1}, not ${c.used + 1}`);
      for (const text of c.second) world.bus.inject(node, text);
      world.advance(100);
      expect(c.reports.filter((x) => x.t >= at && x.machine === node && old.test(x.detail ?? ''))).toHaveLength(c.second.length);
      expect(c.reports.filter((x) => x.t >= at && x.kind === 'transition' && /requested$/.test(x.event ?? ''))).toEqual([]);
      expect(world.invariants.violations).toEqual([]);
    });

    it(`${node}: a store restored from an older copy proves a new epoch, and the boot it would have reused is refused`, () => {
      const c = recorded(node), { world } = c;
      const restore = () => { for (const r of [EPOCH_RECORD, 'peers']) world.stores[node].put(r, c.snapshot.get(r)!); };
      const r = bootCutOff(c, node, restore, c.second);
      expect(r).toEqual({ acceptedCutOff: 0, refused: c.second.length, deaf: true });
      expect(world.epochs[node]).toBe(c.used + 1);
      expect(world.stores[node].get(EPOCH_RECORD)).toBe(String(c.used + 1));
      expect(world.invariants.violations).toEqual([]);
    });

    it(`${node}: a store that refuses writes keeps it deaf and silent, says so, and it recovers with a fresh epoch`, () => {
      const { world, reports } = cluster();
      const peer = peersOf(node)[0]!, used = world.epochs[node]!;
      world.reboot(1000, node);
      world.stores[node].refuse = 'EROFS: read-only file system';
      world.advance(6000);
      const link = world.nodes[node]!.link;
      expect([link.recovering, link.accepted]).toEqual([true, 0]);
      expect(reports.some((x) => x.machine === node && x.detail === `epoch: cannot store epoch ${used + 1} in the simulated flash (EROFS: read-only file system): deaf to commands and reports until it can, retrying`)).toBe(true);
      // Silent: its peers no longer hear it.
      expect(world.nodes[peer]!.link.heard[node]![0]).toBe(used);
      world.stores[node].refuse = undefined;
      world.advance(3000);
      expect([link.recovering, world.epochs[node], world.stores[node].get(EPOCH_RECORD)]).toEqual([false, used + 1, String(used + 1)]);
      expect(link.accepted).toBeGreaterThan(0);
      expect(world.nodes[peer]!.link.heard[node]![0]).toBe(used + 1);
      world.reboot(1000, node); world.advance(5000);
      expect(world.epochs[node]).toBe(used + 2);
      expect(world.invariants.violations).toEqual([]);
    });
  }

  it('the bridge is told when a node restarts, once per new epoch', () => {
    const restarted: string[] = [];
    const world = createSimCluster({ boards, onPeerRestart: (n) => restarted.push(n) });
    world.advance(3000);
    world.reboot(1000, 'bay'); world.advance(5000);
    world.reboot(1000, 'airlock-c'); world.advance(5000);
    // Every other node tells it once: five nodes saw the bay restart, five saw airlock C.
    expect(restarted.filter((n) => n === 'bay')).toHaveLength(boards.length - 1);
    expect(restarted.filter((n) => n === 'airlock-c')).toHaveLength(boards.length - 1);
  });
});
