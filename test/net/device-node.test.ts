// The device as a node, on the host: the same start a board runs (provisioning checked, state in Preference,
// Moddable's MQTT client through our adapter) on a simulated broker beside host nodes, in virtual time.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { startDeviceNode } from '../../firmware/net/device-node';
import { createModdableMqttTransport, type MqttClient, type MqttClientOptions } from '../../firmware/net/moddable-mqtt';
import { createPreferenceStore } from '../../firmware/net/preference-store';
import { LIMITS } from '../../firmware/net/envelope';
import { hmacSha256, utf8 } from '../../firmware/net/sha256';
import { createSimulatorDevice } from '../../sim/provider';
import { loadBoard } from '../../scripts/lib/board-file';
import { VirtualClock } from '../../sim/clock';
import { InProcessBus } from '../../sim/bus';
import { createSimCluster } from '../../sim/cluster';
import { createSimBroker } from '../../sim/mqtt-client';
import { LaunchBayModel } from '../../sim/physics/model';
import { SimPreference } from '../../sim/preference';
import { clusterBoards, parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const dir = 'sim/scenarios/cluster';
const boards = clusterBoards.map((b) => loadBoard(b));
const states = (world: ReturnType<typeof createSimCluster>) => world.controller.machines as Record<string, { state: string; goal?: string }>;

describe('every node as a device node (Moddable MQTT client, Preference)', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(`passes ${file}`, () => {
      const result = runScenario(parseScenario(readFileSync(`${dir}/${file}`, 'utf8'), file), boards, undefined, { deviceNodes: 'all' });
      expect(result.failures).toEqual([]);
    });
  }
});

describe('a device bay node beside host nodes', () => {
  const mixed = () => {
    const reports: ControllerReport[] = [];
    const world = createSimCluster({ boards, deviceNodes: ['bay'], onReport: (r) => reports.push(r) });
    world.advance(5000);
    return { world, reports };
  };

  it('keeps its epoch and replay windows in Preference, in pieces no Preference refuses', () => {
    const { world } = mixed();
    const flash = world.preferences.bay!;
    expect(world.epochs.bay).toBe(1);
    world.reboot(2000, 'bay');
    world.advance(8000);
    expect(world.epochs.bay).toBe(2);
    const store = createPreferenceStore(flash);
    expect(store.get('epoch')).toBe('2');
    // Its peers' windows are there too (SimPreference throws on a value over 62 bytes or a name over 15).
    expect(Object.keys(JSON.parse(store.get('peers') ?? '{}'))).toEqual(expect.arrayContaining(['bridge']));
    expect(world.nodes.bridge!.link.heard.bay?.[0]).toBe(2);
    // The bridge saw the bay restart: its deck let its goal go (issue 27); it claims relaxed again only because the
    // bay's fresh reports show it, and holds no goal.
    expect(states(world)['battle deck']!.state).toBe('relaxed');
    expect(states(world)['battle deck']!.goal).toBeUndefined();
    expect(world.invariants.violations).toEqual([]);
  });

  it('comes back by itself when the broker drops it, under the same epoch, and is heard again', () => {
    const { world, reports } = mixed();
    const before = world.nodes.bridge!.link.accepted;
    world.broker.drop('bay');
    expect(world.broker.connected.has('bay')).toBe(false);
    world.advance(1500);
    expect(world.broker.connected.has('bay')).toBe(true);
    world.advance(3000);
    expect(world.epochs.bay).toBe(1);
    expect(world.nodes.bridge!.link.accepted).toBeGreaterThan(before);
    expect(world.nodes.bridge!.replicas.state('bay environment')).toBe('friendly');
    expect(reports.filter((r) => r.kind === 'fault' && /rejected/.test(r.detail ?? ''))).toEqual([]);
  });

  it('a red alert waits while the broker is down, and completes on fresh evidence once it is back', () => {
    const { world } = mixed();
    world.broker.up = false;
    world.controller.send('battle deck', 'ready requested');
    world.advance(150_000);
    // The command to depressurize never reached the bay: nothing changed there, and the deck has not claimed ready.
    expect(states(world)['bay environment']!.state).toBe('friendly');
    expect(states(world)['battle deck']!.state).not.toBe('ready');
    world.broker.up = true;
    world.controller.send('battle deck', 'ready requested');
    world.advance(150_000);
    expect(states(world)['bay environment']!.state).toBe('hostile');
    expect(states(world)['battle deck']!.state).toBe('ready');
    expect(world.model.bay.kPa).toBeLessThan(1);
    expect(world.invariants.violations).toEqual([]);
  });
});

describe('the simulated broker', () => {
  it('delivers a message only to a client subscribed to its topic, on that topic', () => {
    const clock = new VirtualClock(), bus = new InProcessBus(clock), broker = createSimBroker(bus, clock);
    const got: string[] = [];
    const bay = new broker.Client({ host: 'broker', port: 1883, id: 'launchbay-bay', timeout: 10_000, will: { topic: 'launchbay/status/bay', message: 'offline', retain: true } });
    const bridge = new broker.Client({ host: 'broker', port: 1883, id: 'launchbay-bridge', timeout: 10_000, will: { topic: 'launchbay/status/bridge', message: 'offline', retain: true } });
    bay.onMessage = (topic) => got.push(topic);
    clock.advance(10);
    bridge.publish('launchbay/all', JSON.stringify({ to: '*' }));
    clock.advance(10);
    expect(got).toEqual([]);
    bay.subscribe('launchbay/all');
    bridge.publish('launchbay/all', JSON.stringify({ to: '*' }));
    bridge.publish('launchbay/node/bay', JSON.stringify({ to: 'bay' }));
    clock.advance(10);
    expect(got).toEqual(['launchbay/all']);
    bay.close();
    expect(() => bay.publish('launchbay/all', 'x')).toThrow('connection closed');
  });
});

describe('startDeviceNode', () => {
  const board = loadBoard('sim-bay');
  const start = (provision: unknown) => {
    const clock = new VirtualClock();
    const device = createSimulatorDevice({ board, model: new LaunchBayModel(), clock });
    return startDeviceNode({ board, device, clock, provision, preferences: new SimPreference(), hmac: hmacSha256, nonce: () => 'ab'.repeat(16), transport: { send() {}, onMessage() {} } });
  };
  const key = 'ab'.repeat(32);
  const directory = { 'bay door': 'bay', 'bay environment': 'bay', 'battle deck': 'bridge' };

  it('starts on provisioning for its own node, with its state in Preference', () => {
    const node = start({ node: 'bay', keys: { bridge: key }, directory });
    expect(node.name).toBe('bay');
    expect(node.link.epoch).toBe(1);
    node.stop();
  });

  it('refuses provisioning made for another node, naming the field', () => {
    expect(() => start({ node: 'bridge', keys: { bay: key }, directory })).toThrow(/node: is "bridge", this is node "bay"/);
  });

  it('refuses a directory that puts its own machines on another node', () => {
    expect(() => start({ node: 'bay', keys: { bridge: key }, directory: { ...directory, 'bay door': 'bridge' } }))
      .toThrow(/directory.bay door: is "bridge", but this board \(node bay\) hosts it/);
  });
});

describe('the Moddable MQTT adapter', () => {
  class FakeClient implements MqttClient {
    static made: FakeClient[] = [];
    static refuse = false;
    onReady?: () => void;
    onMessage?: (topic: string, body: ArrayBuffer) => void;
    onClose?: () => void;
    published: [string, string, unknown][] = [];
    subscribed: string[] = [];
    closed = false;
    failPublish = false;
    constructor(readonly options: MqttClientOptions) {
      if (FakeClient.refuse) throw new Error('no route to host');
      FakeClient.made.push(this);
    }
    publish(topic: string, data: string | ArrayBuffer, flags?: unknown) {
      if (this.failPublish || this.closed) throw new Error('connection closed');
      this.published.push([topic, String(data), flags]);
    }
    subscribe(topic: string) { this.subscribed.push(topic); }
    close() { this.closed = true; }
  }
  const setup = () => {
    FakeClient.made = []; FakeClient.refuse = false;
    const clock = new VirtualClock(), statuses: string[] = [], got: string[] = [];
    const t = createModdableMqttTransport(FakeClient, { host: 'broker', port: 1883, node: 'bay', clock, onStatus: (s) => statuses.push(s) });
    t.onMessage((text) => got.push(text));
    return { clock, t, statuses, got, client: () => FakeClient.made.at(-1)! };
  };

  it('subscribes to its own topic and everyone\'s, says it is online, and leaves a will that says offline', () => {
    const { t, client, statuses } = setup();
    expect(client().options).toMatchObject({ host: 'broker', port: 1883, id: 'launchbay-bay', will: { topic: 'launchbay/status/bay', message: 'offline', retain: true } });
    expect(t.connected).toBe(false);
    client().onReady!();
    expect(client().subscribed).toEqual(['launchbay/node/bay', 'launchbay/all']);
    expect(client().published).toEqual([['launchbay/status/bay', 'online', { retain: true }]]);
    expect(t.connected).toBe(true);
    expect(statuses).toEqual(['mqtt: connected to broker:1883']);
    t.send('bridge', 'hello');
    t.send('*', 'all');
    expect(client().published.slice(1).map(([topic, text]) => [topic, text])).toEqual([['launchbay/node/bridge', 'hello'], ['launchbay/all', 'all']]);
  });

  it('hands on UTF-8 text, and drops what is too large, not UTF-8 or not bytes, counting it, without throwing', () => {
    const { t, client, got } = setup();
    client().onReady!();
    client().onMessage!('launchbay/all', utf8('{"é":1}').buffer as ArrayBuffer);
    client().onMessage!('launchbay/all', new Uint8Array([0xff, 0xfe]).buffer);
    client().onMessage!('launchbay/all', new ArrayBuffer(LIMITS.text + 1));
    client().onMessage!('launchbay/all', 'text' as unknown as ArrayBuffer);
    expect(got).toEqual(['{"é":1}']);
    expect(t.badPayloads).toBe(3);
    // An envelope of the largest size still passes.
    client().onMessage!('launchbay/all', utf8('x'.repeat(LIMITS.text)).buffer as ArrayBuffer);
    expect(got.at(-1)!.length).toBe(LIMITS.text);
  });

  it('tells the first dropped payload and every hundredth, not each: a flood is not a flood of console lines', () => {
    const { t, client, statuses } = setup();
    client().onReady!();
    for (let i = 0; i < 250; i++) client().onMessage!('launchbay/all', new Uint8Array([0xff]).buffer);
    expect(t.badPayloads).toBe(250);
    expect(statuses.filter((s) => /dropped payload/.test(s))).toEqual([
      expect.stringContaining('dropped payload 1 '), expect.stringContaining('dropped payload 101 '), expect.stringContaining('dropped payload 201 '),
    ]);
  });

  it('survives a handler that throws', () => {
    const { t, client, statuses } = setup();
    client().onReady!();
    t.onMessage(() => { throw new Error('boom'); });
    expect(() => client().onMessage!('launchbay/all', utf8('x').buffer as ArrayBuffer)).not.toThrow();
    expect(statuses.at(-1)).toMatch(/handling failed: boom/);
  });

  it('gives up on a connection the broker never answers, after 1.5 keep-alives, and tries again', () => {
    const { clock, t, client, statuses } = setup();
    clock.advance(14_999);
    expect(FakeClient.made.length).toBe(1);
    clock.advance(1);
    expect(client().closed).toBe(true);
    expect(statuses).toEqual(['mqtt: cannot reach broker:1883 (no answer to the connection); trying again every 1–8 s']);
    clock.advance(1000);
    expect(FakeClient.made.length).toBe(2);
    client().onReady!();
    clock.advance(60_000);
    expect(t.connected).toBe(true);
    expect(FakeClient.made.length).toBe(2);
  });

  it('drops what is sent while offline, counted, and never throws', () => {
    const { t } = setup();
    expect(() => t.send('*', 'early')).not.toThrow();
    expect(t.unsent).toBe(1);
  });

  it('replaces a closed client after retryMs, and one whose publish fails', () => {
    const { clock, t, client, statuses } = setup();
    client().onReady!();
    client().onClose!();
    expect(t.connected).toBe(false);
    expect(statuses.at(-1)).toBe('mqtt: lost broker:1883 (closed)');
    clock.advance(999);
    expect(FakeClient.made.length).toBe(1);
    clock.advance(1);
    expect(FakeClient.made.length).toBe(2);
    client().onReady!();
    client().failPublish = true;
    t.send('*', 'x');
    expect(client().closed).toBe(true);
    expect(statuses.at(-1)).toBe('mqtt: lost broker:1883 (connection closed)');
    expect(t.unsent).toBe(1);
    clock.advance(1000);
    expect(FakeClient.made.length).toBe(3);
    // A late callback from a replaced client changes nothing.
    FakeClient.made[0]!.onReady!();
    expect(t.connected).toBe(false);
  });

  it('retries when the client cannot even be made, waiting twice as long each time up to 8 s, says so once, and stops for good once closed', () => {
    FakeClient.made = [];
    FakeClient.refuse = true;
    const clock = new VirtualClock(), statuses: string[] = [];
    let attempts = 0;
    const Counting = class extends FakeClient { constructor(o: MqttClientOptions) { attempts++; super(o); } };
    const t = createModdableMqttTransport(Counting, { host: 'broker', port: 1883, node: 'bay', clock, onStatus: (s) => statuses.push(s) });
    const at: number[] = [];
    for (let ms = 0; ms < 40_000; ms += 100) { const before = attempts; clock.advance(100); if (attempts > before) at.push(clock.now()); }
    // Attempts at 0, then after 1, 2, 4, 8, 8, 8… s.
    expect(at).toEqual([1000, 3000, 7000, 15_000, 23_000, 31_000, 39_000]);
    expect(statuses).toEqual(['mqtt: cannot reach broker:1883 (cannot connect: no route to host); trying again every 1–8 s']);
    FakeClient.refuse = false;
    clock.advance(8000);
    expect(FakeClient.made.length).toBe(1);
    FakeClient.made[0]!.onReady!();
    // Connected: the next loss is told, and retried after 1 s again.
    FakeClient.made[0]!.onClose!();
    clock.advance(1000);
    expect(FakeClient.made.length).toBe(2);
    t.close();
    expect(FakeClient.made[1]!.closed).toBe(true);
    FakeClient.made[1]!.onClose!();
    clock.advance(60_000);
    expect(FakeClient.made.length).toBe(2);
  });
});
