// The launch bay as separate processes over a real mosquitto on loopback: one process per node, each behind a
// TCP proxy the test controls. Kill, stall, partition, replay and forge; the bay stays safe and returns to its goal.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonical } from '../../firmware/net/envelope';
import { nodeHmac } from '../../hal/providers/node-net';

const NODES = ['bridge', 'bay', 'airlock-b', 'airlock-c'];
const SPEED = 20;
const dir = mkdtempSync(join(tmpdir(), 'launchbay-mqtt-'));
const freePort = () => new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });

interface Status { node: string; epoch: number; started: boolean; machines: { [id: string]: { state: string; goal?: string } }; rejected: { [r: string]: number }; accepted: number }
interface Proc { child: ChildProcess; status?: Status; violations: unknown[] }

/** Forwards a node's broker connection; `cut` drops it and refuses new ones until `heal`. */
class Proxy {
  private sockets = new Set<net.Socket>();
  cut = false;
  readonly server: net.Server;
  constructor(readonly port: number, broker: number) {
    this.server = net.createServer((client) => {
      if (this.cut) { client.destroy(); return; }
      const upstream = net.connect(broker, '127.0.0.1');
      for (const s of [client, upstream]) { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); s.on('error', () => {}); }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy()); upstream.on('close', () => client.destroy());
    }).listen(port, '127.0.0.1');
  }
  partition() { this.cut = true; for (const s of this.sockets) s.destroy(); }
  heal() { this.cut = false; }
}

let mosquitto: ChildProcess, broker: number;
const proxies: { [node: string]: Proxy } = {};
const procs: { [node: string]: Proc } = {};
const keyring: { [node: string]: string } = {};

function startNode(node: string): void {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', '--board', `sim-${node}`, '--broker', `mqtt://127.0.0.1:${proxies[node].port}`,
    '--keys', join(dir, 'keyring.json'), '--state-dir', join(dir, 'state'), '--speed', String(SPEED), '--json'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const p: Proc = { child, violations: [] };
  procs[node] = p;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const m = JSON.parse(line);
      if (m.status) p.status = m.status;
      if (m.violation) p.violations.push(m.violation);
    } catch { /* not ours */ }
  });
}
const control = (node: string, c: object) => procs[node].child.stdin!.write(`${JSON.stringify(c)}\n`);
const state = (node: string, id: string) => procs[node].status?.machines[id]?.state;
async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  expect(spawnSync('mosquitto', ['-h']).error, 'mosquitto is not installed (.ci/run installs it)').toBeUndefined();
  broker = await freePort();
  writeFileSync(join(dir, 'mosquitto.conf'), `listener ${broker} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  mosquitto = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  await until('mosquitto', () => spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${broker}`]).status === 0, 5000);
  for (const n of NODES) keyring[n] = (await import('node:crypto')).randomBytes(32).toString('hex');
  writeFileSync(join(dir, 'keyring.json'), JSON.stringify(keyring));
  for (const n of NODES) proxies[n] = new Proxy(await freePort(), broker);
  for (const n of NODES) startNode(n);
  await until('every node started', () => NODES.every((n) => procs[n].status?.started));
}, 60_000);

afterAll(async () => {
  for (const p of Object.values(procs)) p.child.kill('SIGKILL');
  for (const x of Object.values(proxies)) x.server.close();
  mosquitto?.kill();
});

describe('the launch bay over MQTT, one process per node', () => {
  it('survives forgery, replay, a partition, a stall and a killed node, and returns to its goal', async () => {
    const spy = mqtt.connect(`mqtt://127.0.0.1:${broker}`);
    const toBay: string[] = [];
    await new Promise<void>((r) => spy.on('connect', () => spy.subscribe('launchbay/#', () => r())));
    spy.on('message', (topic, payload) => { if (topic === 'launchbay/node/bay') toBay.push(payload.toString()); });

    // Red alert: the bridge's commands cross the broker; the deck claims ready on the bay's fresh reports.
    control('bridge', { request: 'ready' });
    await until('the deck ready', () => state('bridge', 'battle deck') === 'ready');
    // Each process prints its status every 200 ms: the bay's may trail the bridge's by one.
    await until('the bay hostile', () => state('bay', 'bay environment') === 'hostile', 2000);

    // Forged (bad MAC), unauthenticated (no MAC), unknown sender, and a replay of a captured genuine command.
    const rejected = () => procs.bay.status!.rejected;
    const before = { ...rejected() };
    const forged = { from: 'bridge', to: 'bay', kind: 'command', epoch: 999, seq: 1, t: 0, body: { machine: 'bay door', event: 'open requested' } };
    spy.publish('launchbay/node/bay', JSON.stringify({ ...forged, mac: nodeHmac('00'.repeat(32), canonical(forged as never)) }));
    spy.publish('launchbay/node/bay', JSON.stringify(forged));
    spy.publish('launchbay/node/bay', JSON.stringify({ ...forged, from: 'mallory', mac: 'ab'.repeat(32) }));
    expect(toBay.length).toBeGreaterThan(0);
    spy.publish('launchbay/node/bay', toBay[0]);
    await until('four rejections', () => rejected()['bad MAC'] > before['bad MAC'] && rejected().malformed > before.malformed
      && rejected()['unknown sender'] > before['unknown sender'] && rejected().replayed > before.replayed, 10_000);
    expect(state('bay', 'bay door')).toBe('closed');

    // The bay is cut off while the deck activates: no claim without evidence, and door E stays shut.
    proxies.bay.partition();
    control('bridge', { request: 'active' });
    await new Promise((r) => setTimeout(r, (6 * 1000) / SPEED)); // six heartbeats of virtual time: replicas stale
    expect(state('bridge', 'battle deck')).toBe('activating');
    expect(state('bay', 'bay door')).toBe('closed');
    proxies.bay.heal();
    await until('the deck active after the partition heals', () => state('bridge', 'battle deck') === 'active', 40_000);

    // A stalled airlock node (SIGSTOP) and a killed one, restarted with a new epoch.
    procs['airlock-c'].child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 500));
    procs['airlock-c'].child.kill('SIGCONT');
    const oldEpoch = procs['airlock-b'].status!.epoch;
    procs['airlock-b'].child.kill('SIGKILL');
    startNode('airlock-b');
    await until('airlock-b back with a new epoch', () => (procs['airlock-b'].status?.epoch ?? 0) > oldEpoch && procs['airlock-b'].status!.started === true);

    // And back to relaxed, on evidence.
    control('bridge', { request: 'relaxed' });
    await until('the deck relaxed', () => state('bridge', 'battle deck') === 'relaxed', 60_000);
    for (const n of NODES) expect(procs[n].violations, n).toEqual([]);
    spy.end();
  }, 150_000);
});
