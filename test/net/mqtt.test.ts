// The launch bay as separate processes over a real mosquitto on loopback: one process per node, each behind a TCP
// proxy the test controls. First the faults a network has (kill, stall, partition); then each attack of issue 14
// as its own case. Every case checks that nothing moved that the rules keep still, that every node stays up, and
// that the rejections are counted and logged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundText, canonical } from '../../firmware/net/envelope';
import { Link } from '../../firmware/net/link';
import { checkProvision } from '../../firmware/net/provision';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';
import { nodeHmac, nodeNonce } from '../../scripts/lib/node-net';
import { control, mqttNodeArgs, logged, Proxy, provision, runNode, sleep, startBroker, stillUp, totalRejected, until, type Proc } from './harness';

const NODES = ['bridge', 'bay', 'airlock-b', 'airlock-c'];
const SPEED = 20;
const T = 1000 / SPEED; // one heartbeat, real ms
const dir = mkdtempSync(join(tmpdir(), 'launchbay-mqtt-'));
const keysDir = join(dir, 'keys'), stateDir = join(dir, 'state');

let broker: Awaited<ReturnType<typeof startBroker>>;
const proxies: { [node: string]: Proxy } = {};
const procs: { [node: string]: Proc } = {};
let spy: mqtt.MqttClient;
/** Everything on the broker since the start: the attacker's recording. */
const recorded: { topic: string; text: string }[] = [];

const startNode = (node: string) => {
  procs[node] = runNode(mqttNodeArgs(node, proxies[node].port, keysDir, stateDir, SPEED));
};
const restart = async (node: string, before?: () => void) => {
  const old = procs[node].status!.epoch;
  procs[node].child.kill('SIGKILL');
  await until(`${node} gone`, () => procs[node].exited !== undefined, 5000);
  before?.();
  startNode(node);
  await until(`${node} back`, () => procs[node].status?.started === true && !procs[node].status!.recovering, 30_000);
  return old;
};
const state = (node: string, id: string) => procs[node].status?.machines[id]?.state;
/** What the test itself published (forgeries, replays): not part of any genuine recording. */
const ours = new Set<string>();
const publish = (topic: string, text: string) => { ours.add(text); return new Promise<void>((r) => spy.publish(topic, text, { qos: 1 }, () => r())); };
/** Door E and the bay's air as they are now: what an attack must not change. */
const still = () => ({ door: state('bay', 'bay door'), environment: state('bay', 'bay environment'), deck: state('bridge', 'battle deck') });
async function everyNodeUp() { for (const n of NODES) expect(await stillUp(procs[n]), `${n} up`).toBe(true); }

/** A node's keys in the attacker's hands: a Link that signs as that node (epoch chosen by the attacker). */
function stolen(node: string, epoch: number): Link {
  const prov = checkProvision(JSON.parse(readFileSync(join(keysDir, `${node}.json`), 'utf8')), node, node);
  const store = new MemoryStateStore(); store.put(EPOCH_RECORD, String(epoch - 1));
  const link = new Link({ node, keys: prov.keys, store, hmac: nodeHmac, now: () => 0, send() {}, nonce: nodeNonce });
  for (const m of recorded.slice(-40)) link.open(m.text); // learns its targets' epochs from what it overhears
  return link;
}

beforeAll(async () => {
  broker = await startBroker(dir);
  provision(NODES.map((n) => `sim-${n}`), keysDir);
  for (const n of NODES) proxies[n] = new Proxy(await (await import('./harness')).freePort(), broker.port);
  for (const n of NODES) startNode(n);
  spy = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`);
  await new Promise<void>((r) => spy.on('connect', () => spy.subscribe('launchbay/#', () => r())));
  spy.on('message', (topic, payload) => { if (!topic.includes('/status/')) recorded.push({ topic, text: payload.toString() }); });
  await until('every node started', () => NODES.every((n) => procs[n].status?.started));
}, 60_000);

afterAll(async () => {
  spy?.end(true);
  for (const p of Object.values(procs)) p.child.kill('SIGKILL');
  for (const x of Object.values(proxies)) x.server.close();
  broker?.process.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the launch bay over MQTT, one process per node', () => {
  it('each node holds only its own pair keys', () => {
    for (const n of NODES) {
      const file = JSON.parse(readFileSync(join(keysDir, `${n}.json`), 'utf8'));
      expect(Object.keys(file.keys).sort()).toEqual(NODES.filter((x) => x !== n).sort());
    }
  });

  it('survives forgery, replay, a partition, a stall and a killed node, and returns to its goal', async () => {
    control(procs.bridge, { request: 'ready' });
    await until('the deck ready', () => state('bridge', 'battle deck') === 'ready');
    await until('the bay hostile', () => state('bay', 'bay environment') === 'hostile', 2000);

    // Forged (bad MAC), unauthenticated (no MAC), unknown sender, and a replay of a captured genuine command.
    const before = { ...procs.bay.status!.rejected };
    const forged = { from: 'bridge', to: 'bay', kind: 'command' as const, epoch: 999, seq: 1, t: 0, body: { machine: 'bay door', event: 'open requested' } };
    const e = procs.bay.status!.epoch;
    await publish('launchbay/node/bay', JSON.stringify({ ...forged, macs: { bay: [e, nodeHmac('00'.repeat(32), boundText(canonical(forged), 'bay', e))] } }));
    await publish('launchbay/node/bay', JSON.stringify(forged));
    await publish('launchbay/node/bay', JSON.stringify({ ...forged, from: 'mallory', macs: { bay: [e, 'ab'.repeat(32)] } }));
    const toBay = recorded.find((m) => m.topic === 'launchbay/node/bay')!;
    await publish(toBay.topic, toBay.text);
    const r = () => procs.bay.status!.rejected;
    await until('four rejections', () => r()['bad MAC'] > before['bad MAC'] && r().malformed > before.malformed
      && r()['unknown sender'] > before['unknown sender'] && r().replayed + r().stale > before.replayed + before.stale, 10_000);
    expect(state('bay', 'bay door')).toBe('closed');

    // The bay is cut off while the deck activates: no claim without evidence, and door E stays shut.
    proxies.bay.partition();
    control(procs.bridge, { request: 'active' });
    await sleep(6 * T);
    expect(state('bridge', 'battle deck')).toBe('activating');
    expect(state('bay', 'bay door')).toBe('closed');
    proxies.bay.heal();
    await until('the deck active after the partition heals', () => state('bridge', 'battle deck') === 'active', 40_000);

    // A stalled airlock node (SIGSTOP) and a killed one, restarted with a new epoch.
    procs['airlock-c'].child.kill('SIGSTOP');
    await sleep(500);
    procs['airlock-c'].child.kill('SIGCONT');
    const oldEpoch = await restart('airlock-b');
    expect(procs['airlock-b'].status!.epoch).toBeGreaterThan(oldEpoch);

    control(procs.bridge, { request: 'relaxed' });
    await until('the deck relaxed', () => state('bridge', 'battle deck') === 'relaxed', 60_000);
    await until('door E closed, the bay friendly', () => state('bay', 'bay door') === 'closed' && state('bay', 'bay environment') === 'friendly', 60_000);
    for (const n of NODES) expect(procs[n].violations, n).toEqual([]);
  }, 150_000);

  it('attack: a sender named __proto__ (or constructor, toString) kills nothing and is counted', async () => {
    const now = still(), before = NODES.map((n) => totalRejected(procs[n]));
    for (const from of ['__proto__', 'constructor', 'toString']) {
      const text = JSON.stringify({ from, to: '*', kind: 'report', epoch: 1, seq: 1, t: 0, body: { machines: {}, facts: {}, heard: {} }, macs: { bay: [1, 'ab'.repeat(32)] } });
      await publish('launchbay/all', text);
      await publish('launchbay/node/bay', text);
    }
    await until('every node counted all six', () => NODES.every((n, i) => totalRejected(procs[n]) >= before[i] + 3), 5000);
    await everyNodeUp();
    expect(still()).toEqual(now);
    expect(logged(procs.bay, /rejected message from \?: malformed/)).toBe(true);
    expect(logged(procs.bridge, /rejected message from constructor: unknown sender/)).toBe(true);
  });

  it('attack: a 10,000-deep body (20 KB), and a 4,000-deep one within the size bound, are rejected unparsed', async () => {
    const now = still(), before = procs.bay.status!.rejected.malformed;
    for (const n of [10_000, 4000]) {
      await publish('launchbay/node/bay', `{"from":"bridge","to":"bay","kind":"command","epoch":1,"seq":1,"t":0,"body":${'['.repeat(n)}${']'.repeat(n)},"macs":{}}`);
    }
    await until('two malformed', () => procs.bay.status!.rejected.malformed >= before + 2, 5000);
    await everyNodeUp();
    expect(still()).toEqual(now);
    expect(logged(procs.bay, /malformed \(too large/)).toBe(true);
    expect(logged(procs.bay, /malformed \(nested deeper/)).toBe(true);
  });

  it('attack: the recorded active session, replayed into a restarted bay, moves nothing', async () => {
    if (!recorded.some((m) => m.topic === 'launchbay/node/bay' && m.text.includes('open requested'))) {
      // Run alone: record an active session first.
      control(procs.bridge, { request: 'active' });
      await until('the deck active', () => state('bridge', 'battle deck') === 'active', 60_000);
      control(procs.bridge, { request: 'relaxed' });
      await until('the deck relaxed', () => still().deck === 'relaxed' && still().door === 'closed' && still().environment === 'friendly', 60_000);
    }
    expect(still()).toEqual({ door: 'closed', environment: 'friendly', deck: 'relaxed' });
    // Everything the bridge said that reached the bay: its commands (door E open, hostile), its reports and its
    // answers to the bay's challenges (not its own challenges: those get an answer nobody waits for).
    const session = recorded.filter((m) => (m.topic === 'launchbay/node/bay' || m.topic === 'launchbay/all') && m.text.startsWith('{"from":"bridge"')
      && !m.text.includes('"kind":"challenge"') && !ours.has(m.text));
    expect(session.some((m) => m.text.includes('open requested'))).toBe(true);
    await restart('bay');
    const before = procs.bay.status!.rejected, refused = () => procs.bay.status!.rejected.stale + procs.bay.status!.rejected.replayed;
    // In batches: mosquitto queues at most 1000 messages for a subscriber and drops the rest.
    for (let i = 0; i < session.length; i += 200) {
      const batch = session.slice(i, i + 200);
      await Promise.all(batch.map((m) => publish(m.topic, m.text)));
      await until(`the replayed messages up to ${i + batch.length} of ${session.length} rejected`, () => refused() >= before.stale + before.replayed + i + batch.length, 20_000);
    }
    // The bridge saw the bay restart: the deck let its goal go (issue 27) and claims again only what the bay's fresh
    // reports show, with no goal; nothing moves.
    await sleep(20 * T);
    await until('the deck relaxed again', () => still().deck === 'relaxed', 20_000);
    expect(still()).toEqual({ door: 'closed', environment: 'friendly', deck: 'relaxed' });
    expect(procs.bridge.status!.machines['battle deck'].goal).toBeUndefined();
    expect(procs.bay.reports.filter((r) => r.kind === 'transition' && /requested$/.test(r.event ?? ''))).toEqual([]);
    expect(logged(procs.bay, /rejected message from bridge: (stale|replayed)/)).toBe(true);
    await everyNodeUp();
  }, 150_000);

  it('a bay node restarted while active rebuilds from its sensors and finds the bay it left: door E open, the bay empty', async () => {
    control(procs.bridge, { request: 'active' });
    await until('the deck active', () => still().deck === 'active' && still().door === 'open' && still().environment === 'hostile', 90_000);
    await sleep(5 * T);
    await restart('bay');
    await until('the bay reported again', () => procs.bridge.status!.replicas['bay door'] === 'open' && procs.bridge.status!.replicas['bay environment'] === 'hostile', 15_000);
    const rebuilt = procs.bay.reports.filter((r) => r.kind === 'transition' && r.event === 'reconstructed from sensors').map((r) => [r.machine, r.to]);
    expect(rebuilt).toEqual([['bay door', 'open'], ['bay environment', 'hostile']]);
    // The bridge saw the bay restart: the deck lets its goal go (issue 27) and claims active again only on the bay's
    // fresh reports, with no goal; door E and the bay stay as they were: the restarted bay acted on no request from
    // before its boot.
    await until('the deck active again', () => still().deck === 'active', 30_000);
    expect(procs.bridge.status!.machines['battle deck'].goal).toBeUndefined();
    expect(procs.bay.reports.filter((r) => r.kind === 'transition' && r.machine !== undefined && /requested$/.test(r.event ?? ''))).toEqual([]);
    expect(still()).toEqual({ door: 'open', environment: 'hostile', deck: 'active' });
    expect(procs.bridge.reports.some((r) => r.kind === 'notice' && /bay restarted/.test(r.detail ?? ''))).toBe(true);
    for (const n of NODES) expect(procs[n].violations, n).toEqual([]);
    control(procs.bridge, { request: 'relaxed' });
    await until('the deck relaxed again', () => still().deck === 'relaxed' && still().door === 'closed' && still().environment === 'friendly', 120_000);
  }, 240_000);

  it('attack: a forged future epoch fails its MAC; an implausible jump signed with the bridge\'s own keys is refused, and the bridge is still heard', async () => {
    const now = still(), bay = procs.bay.status!;
    const forged = { from: 'bridge', to: 'bay', kind: 'command' as const, epoch: 1_000_000_000, seq: 1, t: 0, body: { machine: 'bay door', event: 'open requested' } };
    await publish('launchbay/node/bay', JSON.stringify({ ...forged, macs: { bay: [bay.epoch, nodeHmac('11'.repeat(32), boundText(canonical(forged), 'bay', bay.epoch))] } }));
    const jumper = stolen('bridge', procs.bridge.status!.epoch + 5000);
    await publish('launchbay/node/bay', jumper.seal('bay', 'command', { machine: 'bay door', event: 'open requested' }));
    await until('both refused', () => procs.bay.status!.rejected['bad MAC'] > bay.rejected['bad MAC'] && procs.bay.status!.rejected['implausible epoch'] > bay.rejected['implausible epoch'], 5000);
    expect(logged(procs.bay, /rejected message from bridge: implausible epoch/)).toBe(true);
    const accepted = procs.bay.status!.accepted;
    await until('the real bridge still heard', () => procs.bay.status!.accepted > accepted + 2, 10_000);
    expect(still()).toEqual(now);
    await everyNodeUp();
  });

  for (const [what, spoil] of [['deleted', (f: string) => rmSync(f)], ['corrupted (7.5)', (f: string) => writeFileSync(f, '7.5')]] as const) {
    it(`attack: a ${what} epoch file: the node recovers past its old epoch and is heard again`, async () => {
      const now = still();
      const old = await restart('airlock-c', () => spoil(join(stateDir, 'airlock-c', 'epoch')));
      expect(procs['airlock-c'].status!.epoch).toBeGreaterThan(old);
      expect(logged(procs['airlock-c'], /epoch: (no epoch record|unreadable epoch record)/)).toBe(true);
      expect(logged(procs['airlock-c'], /epoch \d+: proven: .*its record was lost/)).toBe(true);
      const heard = procs['airlock-c'].status!.accepted;
      await until('airlock-c hears and is heard', () => procs['airlock-c'].status!.accepted > heard + 2
        && procs.bridge.status!.replicas['airlock C'] !== null && procs.bridge.status!.replicas['airlock C'] !== undefined, 15_000);
      expect(readFileSync(join(stateDir, 'airlock-c', 'epoch'), 'utf8')).toBe(String(procs['airlock-c'].status!.epoch));
      expect(still()).toEqual(now);
      await everyNodeUp();
    }, 60_000);
  }

  it('attack: a compromised airlock node, with its own keys, cannot command door E or speak for the bay', async () => {
    const now = still(), bay = procs.bay.status!, bridge = procs.bridge.status!;
    procs['airlock-b'].child.kill('SIGKILL');
    await until('airlock-b gone', () => procs['airlock-b'].exited !== undefined, 5000);
    const mallory = stolen('airlock-b', procs['airlock-b'].status!.epoch + 1);
    await sleep(2 * T);
    for (const m of recorded.slice(-20)) mallory.open(m.text);
    for (const body of [{ machine: 'bay door', event: 'open requested' }, { machine: 'bay environment', event: 'hostile requested' }]) {
      await publish('launchbay/node/bay', mallory.seal('bay', 'command', body));
    }
    await publish('launchbay/node/bridge', mallory.seal('bridge', 'command', { machine: 'battle deck', event: 'ready requested' }));
    await publish('launchbay/all', mallory.seal('*', 'report', { machines: { 'bay door': { state: 'open' } }, facts: { 'bay kPa': 0 }, heard: {} }));
    await until('refused as unauthorized', () => procs.bay.status!.rejected.unauthorized >= bay.rejected.unauthorized + 2
      && procs.bridge.status!.rejected.unauthorized >= bridge.rejected.unauthorized + 2, 10_000);
    expect(logged(procs.bay, /rejected message from airlock-b: unauthorized \(may not send "open requested" to "bay door"\)/)).toBe(true);
    await sleep(10 * T);
    expect(still()).toEqual(now);
    startNode('airlock-b');
    await until('airlock-b back', () => procs['airlock-b'].status?.started === true && !procs['airlock-b'].status.recovering, 30_000);
    await everyNodeUp();
  }, 60_000);
});
