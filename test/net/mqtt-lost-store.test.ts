// Issue 22's attack over a real mosquitto, one process per node: the bay loses its state store (its epoch and
// peers files deleted) while the deck is on red alert, and an outsider with no keys replays recorded genuine traffic
// to steer its recovery onto an epoch it already used, then replays the bridge's `open requested` from that epoch.
// A control run takes the same steps without the replays. Both must end with the bay heard again under an epoch it
// never used, and door E shut throughout.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, mqttNodeArgs, freePort, logged, Proxy, provision, runNode, sleep, startBroker, until, type Proc } from './harness';

const NODES = ['bridge', 'bay', 'airlock-b', 'airlock-c'];
const PEERS = NODES.filter((n) => n !== 'bay');
const SPEED = 20;
const T = 1000 / SPEED; // one heartbeat, real ms
const dir = mkdtempSync(join(tmpdir(), 'launchbay-lost-store-'));
const keysDir = join(dir, 'keys'), stateDir = join(dir, 'state');

let broker: Awaited<ReturnType<typeof startBroker>>;
const proxies: { [node: string]: Proxy } = {};
const procs: { [node: string]: Proc } = {};
let spy: mqtt.MqttClient;
/** Everything on the broker: the outsider's recording. */
const recorded: { topic: string; text: string }[] = [];

const startNode = (node: string) => {
  procs[node] = runNode(mqttNodeArgs(node, proxies[node].port, keysDir, stateDir, SPEED));
};
const kill = async (node: string) => {
  procs[node].child.kill('SIGKILL');
  await until(`${node} gone`, () => procs[node].exited !== undefined, 5000);
};
const heardAgain = (node: string) => until(`${node} proven and heard again`, () => procs[node].status?.started === true && !procs[node].status!.recovering
  && PEERS.every((p) => procs[p].status!.replicas['bay door'] !== null && procs[p].status!.replicas['bay door'] !== undefined), 30_000);
const restart = async (node: string) => { await kill(node); startNode(node); await heardAgain(node); };
const state = (node: string, id: string) => procs[node].status?.machines[id]?.state;
const publish = (topic: string, text: string) => new Promise<void>((r) => spy.publish(topic, text, { qos: 1 }, () => r()));

/** The bay's epoch each recorded message from a peer is bound to (its MAC for the bay), if any. */
const boundTo = (text: string): number | undefined => {
  try { const m = JSON.parse(text); return m.macs?.bay?.[0]; } catch { return undefined; }
};
const fromOf = (text: string): string => { try { return JSON.parse(text).from; } catch { return '?'; } };
/** Door E's moves toward open in the (restarted) bay process's reports. */
const doorOpenings = () => procs.bay.reports.filter((r) => r.kind === 'transition' && r.machine === 'bay door' && /open/.test(r.to ?? ''));

beforeAll(async () => {
  broker = await startBroker(dir);
  provision(NODES.map((n) => `sim-${n}`), keysDir);
  for (const n of NODES) proxies[n] = new Proxy(await freePort(), broker.port);
  for (const n of NODES) startNode(n);
  spy = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`);
  await new Promise<void>((r) => spy.on('connect', () => spy.subscribe('launchbay/#', () => r())));
  spy.on('message', (topic, payload) => { if (!topic.includes('/status/')) recorded.push({ topic, text: payload.toString() }); });
  await until('every node started', () => NODES.every((n) => procs[n].status?.started && !procs[n].status.recovering), 60_000);
}, 90_000);

afterAll(async () => {
  spy?.end(true);
  for (const p of Object.values(procs)) p.child.kill('SIGKILL');
  for (const x of Object.values(proxies)) x.server.close();
  broker?.process.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The outsider's recording: one genuine message per peer bound to an old epoch A of the bay, and the bridge's
 * whole active session bound to A + 1 (its reports and its `open requested`). The bay is then restarted once more,
 * and the deck put on red alert. */
let steer: string[] = [], session: { topic: string; text: string }[] = [], used = 0;

describe('issue 22: a bay that lost its state store, steered by replayed traffic', () => {
  it('records the outsider\'s material: old per-peer messages, then an active session under the next epoch', async () => {
    await sleep(10 * T);
    const a = procs.bay.status!.epoch;
    await until('one message from each peer bound to the bay\'s epoch', () => PEERS.every((p) => recorded.some((m) => fromOf(m.text) === p && boundTo(m.text) === a)), 10_000);
    steer = PEERS.map((p) => recorded.filter((m) => fromOf(m.text) === p && boundTo(m.text) === a).pop()!.text);
    await restart('bay');
    expect(procs.bay.status!.epoch).toBe(a + 1);
    control(procs.bridge, { request: 'active' });
    await until('the deck active, door E open', () => state('bridge', 'battle deck') === 'active' && state('bay', 'bay door') === 'open', 90_000);
    // The bridge's reports around its `open requested`, and the command: what makes the bay open door E.
    const all = recorded.filter((m) => fromOf(m.text) === 'bridge' && boundTo(m.text) === a + 1 && (m.topic === 'launchbay/node/bay' || m.topic === 'launchbay/all'));
    const open = all.findIndex((m) => m.text.includes('open requested'));
    expect(open).toBeGreaterThanOrEqual(0);
    session = all.slice(Math.max(0, open - 40), open + 10);
    console.log(`recorded: ${steer.length} messages bound to the bay's epoch ${a}, a session of ${session.length} bound to ${a + 1}`);
    control(procs.bridge, { request: 'ready' });
    await until('red alert: the deck ready, door E shut, the bay hostile', () => state('bridge', 'battle deck') === 'ready' && state('bay', 'bay door') === 'closed'
      && state('bay', 'bay environment') === 'hostile', 60_000);
    await restart('bay');
    used = procs.bay.status!.epoch;
    expect(used).toBe(a + 2);
    await until('the deck ready again', () => state('bridge', 'battle deck') === 'ready', 30_000);
  }, 240_000);

  for (const steering of [false, true]) {
    it(steering
      ? 'attack: replayed old messages while it recovers, then the old `open requested` with its session: refused, door E stays shut, the epoch is new'
      : 'control: the same steps without the replays: the bay proves a new epoch and is heard again, door E stays shut', async () => {
      expect(session.length).toBeGreaterThan(0);
      const before = used;
      // The bay loses its store while its peers are cut off (a network fault, or the outsider's doing).
      await kill('bay');
      for (const f of ['epoch', 'peers']) rmSync(join(stateDir, 'bay', f), { force: true });
      for (const p of PEERS) proxies[p].partition();
      startNode('bay');
      // Its controller up: a command it accepted now would move door E.
      await until('the bay up', () => procs.bay.status?.started === true, 20_000);
      // One old message per peer, as if each had spoken; then, in order, the session from the next epoch, each
      // message followed by the airlocks' old ones (so that the bridge alone seems to say the bay is behind).
      const replay = async () => {
        await Promise.all(steer.map((text) => publish('launchbay/all', text)));
        await sleep(3 * T);
        for (const m of session) {
          await publish(m.topic, m.text);
          for (const text of steer.slice(1)) await publish('launchbay/all', text);
        }
      };
      if (steering) await replay();
      else await sleep(8 * T);
      await sleep(4 * T + 300);
      expect(doorOpenings()).toEqual([]);
      // Nothing proven while no peer can answer: the replays proved nothing, and none was accepted.
      if (steering) expect([procs.bay.status!.recovering, procs.bay.status!.accepted]).toEqual([true, 0]);
      for (const p of PEERS) proxies[p].heal();
      await heardAgain('bay');
      const epoch = procs.bay.status!.epoch;
      expect(epoch).toBeGreaterThan(before);
      expect(readFileSync(join(stateDir, 'bay', 'epoch'), 'utf8')).toBe(String(epoch));
      expect(logged(procs.bay, /epoch: no epoch record/)).toBe(true);
      if (steering) {
        expect(logged(procs.bay, new RegExp(`epoch ${epoch}: proven: .*the highest epoch of this node they knew was ${before}; its record was lost`))).toBe(true);
        expect(logged(procs.bridge, /node bay restarted/)).toBe(true);
        // Once it runs again, the whole recording replayed once more: every message refused as made for another boot.
        const stale = procs.bay.status!.rejected.stale;
        await replay();
        await until('every replayed message refused', () => procs.bay.status!.rejected.stale >= stale + steer.length + session.length * steer.length, 10_000);
        expect(logged(procs.bay, /rejected message from bridge: stale \(command \d+\/\d+ made for this node's epoch/)).toBe(true);
      }
      await sleep(10 * T);
      await until('the deck on red alert again', () => state('bridge', 'battle deck') === 'ready', 30_000);
      expect(doorOpenings()).toEqual([]);
      expect(procs.bay.reports.filter((r) => r.kind === 'transition' && /requested$/.test(r.event ?? ''))).toEqual([]);
      expect([state('bay', 'bay door'), state('bay', 'bay environment')]).toEqual(['closed', 'hostile']);
      for (const n of NODES) expect(procs[n].violations, n).toEqual([]);
      used = epoch;
    }, 120_000);
  }
});
