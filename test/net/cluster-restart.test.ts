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

  it('a settled deck whose evidence a restarted bay contradicts re-drives toward its goal with the alarm on, and never shows it meanwhile', () => {
    const { world, state, reports } = cluster('active');
    world.reboot(2000, 'bay');
    // While the bay node is down its world changes under it: door E shut, the bay full again (what a restarted
    // process with physics of its own would have invented).
    world.advance(500);
    Object.assign(world.model.bayDoor, { position: 0 });
    Object.assign(world.model.bay, { kPa: 101.3, tempC: 20 });
    const back = world.clock.now() + 1500;
    let shownAgainstEvidence = 0, alarmed = false;
    for (let t = 0; t < 120_000; t += 100) {
      world.advance(100);
      const bridge = world.nodes.bridge!, evidence = bridge.controller.system.coordination.memory.evidence;
      if (world.clock.now() > back + 3000 && state('battle deck') === 'active' && (evidence.bayDoor !== 'open' || evidence.bayEnvironment !== 'hostile')) shownAgainstEvidence++;
      alarmed ||= state('battle deck') === 'activating' && world.model.outputs.klaxon === true;
    }
    expect(rebuilt(reports, back - 100)).toEqual(['bay door: closed', 'bay environment: friendly']);
    expect(shownAgainstEvidence).toBe(0);
    expect(alarmed).toBe(true);
    expect([state('battle deck'), state('bay door'), state('bay environment')]).toEqual(['active', 'open', 'hostile']);
    expect(world.invariants.violations).toEqual([]);
  });
});
