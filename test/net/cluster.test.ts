// Several nodes, one bay: every shipped cluster scenario passes, and forged, replayed or unauthenticated messages
// change nothing, while the deck claims only on fresh evidence.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { boundText, canonical, type Envelope } from '../../firmware/net/envelope';
import { hmacSha256 } from '../../firmware/net/sha256';
import { loadBoard } from '../../scripts/lib/board-file';
import { createSimCluster } from '../../sim/cluster';
import { clusterBoards, parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const dir = 'sim/scenarios/cluster';
const boards = clusterBoards.map((b) => loadBoard(b));
const cluster = (start: 'relaxed' | 'ready' = 'relaxed') => {
  const reports: ControllerReport[] = [];
  const world = createSimCluster({ boards, start, onReport: (r) => reports.push(r) });
  world.advance(3000);
  return { world, reports, state: (id: string) => (world.controller.machines as Record<string, { state: string }>)[id]?.state };
};

describe('the launch bay on six nodes', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`passes ${file}`, () => {
      const result = runScenario(parseScenario(readFileSync(`${dir}/${file}`, 'utf8'), file), boards);
      expect(result.failures).toEqual([]);
    });
  }

  it('rejects a forged command to open door E, and the door stays shut', () => {
    const { world, state, reports } = cluster('ready');
    const forged = { from: 'bridge', to: 'bay', kind: 'command' as const, epoch: 99, seq: 1, t: 0, body: { machine: 'bay door', event: 'open requested' } };
    const bound = world.nodes.bay!.link.epoch;
    world.bus.inject('bay', JSON.stringify({ ...forged, macs: { bay: [bound, hmacSha256('00'.repeat(32), boundText(canonical(forged), 'bay', bound))] } }));
    world.advance(25_000);
    expect(state('bay door')).toBe('closed');
    expect(world.nodes.bay!.link.rejected['bad MAC']).toBe(1);
    expect(reports.some((r) => r.machine === 'bay' && /rejected message from bridge: bad MAC/.test(r.detail ?? ''))).toBe(true);
  });

  it('rejects an unauthenticated message and one from an unknown node', () => {
    const { world } = cluster();
    const body = { machine: 'bay environment', event: 'hostile requested' };
    world.bus.inject('bay', JSON.stringify({ from: 'bridge', to: 'bay', kind: 'command', epoch: 1, seq: 999, t: 0, body }));
    world.bus.inject('bay', JSON.stringify({ from: 'intruder', to: 'bay', kind: 'command', epoch: 1, seq: 1, t: 0, body, macs: { bay: [1, 'ab'.repeat(32)] } }));
    world.advance(1000);
    expect(world.nodes.bay!.link.rejected).toMatchObject({ 'malformed': 1, 'unknown sender': 1 });
    expect((world.controller.machines as Record<string, { state: string }>)['bay environment'].state).toBe('friendly');
  });

  it('rejects a replayed genuine command captured earlier', () => {
    const { world, state } = cluster('ready');
    world.controller.send('battle deck', 'active requested');
    world.advance(30_000);
    expect(state('bay door')).toBe('open');
    const captured = world.bus.captured.find((m) => m.to === 'bay' && (JSON.parse(m.text) as Envelope).body.hasOwnProperty('event')
      && (JSON.parse(m.text) as Envelope & { body: { event: string } }).body.event === 'open requested')!;
    world.controller.send('battle deck', 'ready requested');
    world.advance(30_000);
    expect(state('bay door')).toBe('closed');
    const before = world.nodes.bay!.link.rejected.replayed;
    world.bus.inject('bay', captured.text);
    world.advance(5000);
    expect(world.nodes.bay!.link.rejected.replayed).toBe(before + 1);
    expect(state('bay door')).toBe('closed');
  });

  it('claims a deck state only on fresh reports sent after its own request, not on what it knew before', () => {
    const { world, state } = cluster('ready');
    world.bus.cut.add('bay');
    world.controller.send('battle deck', 'active requested');
    world.controller.send('battle deck', 'ready requested');
    world.advance(20_000);
    // Door E closed and the bay hostile were last reported before the request: not evidence.
    expect(state('battle deck')).toBe('readying');
    world.bus.cut.delete('bay');
    world.advance(5000);
    expect(state('battle deck')).toBe('ready');
  });

  it('shows the bridge a rebooted node\'s machines as unknown until it reports them afresh, never as before or as a default', () => {
    const { world, reports } = cluster();
    const bridge = world.nodes.bridge!;
    world.reboot(2000, 'bay');
    // Watch the bridge's replica of door E from the power loss until the bay has rebuilt its states.
    const seen: (string | undefined)[] = [];
    for (let t = 0; t < 12_000; t += 50) {
      world.advance(50);
      const s = bridge.replicas.state('bay door');
      if (seen.at(-1) !== s || seen.length === 0) seen.push(s);
    }
    const restarted = reports.findIndex((r) => r.kind === 'notice' && /bay restarted/.test(r.detail ?? ''));
    expect(restarted).toBeGreaterThanOrEqual(0);
    // Last known while the bay is silent (fresh for 3T), then unknown from its first message after the boot, then
    // the state it rebuilt from its sensors.
    expect(seen).toContain(undefined);
    expect(seen.at(-1)).toBe('closed');
    expect(seen.slice(seen.indexOf(undefined))).toEqual([undefined, 'closed']);
  });

  it('starts a new epoch at every reboot, and the others accept the rebooted node', () => {
    const { world } = cluster();
    world.reboot(1000, 'airlock-c');
    world.advance(10_000);
    expect(world.epochs['airlock-c']).toBe(2);
    expect(world.nodes.bay!.link.heard['airlock-c'][0]).toBe(2);
    expect(world.invariants.violations).toEqual([]);
  });
});
