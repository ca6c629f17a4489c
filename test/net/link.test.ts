// The envelope's guarantees at one receiver: well formed, authentic under the pair's key, bound to this boot,
// newer than anything before from its sender, within the sender's authority; and epochs that survive reboots.
import { describe, expect, it } from 'vitest';
import { authority } from '../../firmware/net/authority';
import { boundText, canonical } from '../../firmware/net/envelope';
import { constantTimeEqual } from '../../firmware/net/hmac';
import { FLUSH_EVERY, MAX_EPOCH_JUMP } from '../../firmware/net/link';
import { hmacSha256 } from '../../firmware/net/sha256';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';
import { directory, introduce, keysOf, nodeHmac, testLink } from './fixtures';

const command = { machine: 'bay door', event: 'open requested' };
const report = (machines = {}) => ({ machines, facts: {}, heard: {} });

describe('the signed envelope', () => {
  it('computes HMAC-SHA256 exactly as node:crypto does', () => {
    const key = '22'.repeat(32);
    for (const m of ['', 'Hi There', JSON.stringify(['bridge', '*', 'report', 1, 2, 3, { é: '€😀' }])]) expect(hmacSha256(key, m)).toBe(nodeHmac(key, m));
  });

  it('accepts an authentic message once its sender knows this boot, and records its (epoch, seq)', () => {
    const bay = testLink('bay'), bridge = testLink('bridge');
    introduce(bay.link, bridge.link);
    const e = bay.link.open(bridge.link.seal('bay', 'command', command));
    expect(e?.body).toEqual(command);
    expect(bay.link.heard.bridge).toEqual([1, 2]);
  });

  it('carries one MAC per recipient, each under a key only that pair holds', () => {
    const bridge = testLink('bridge');
    const sealed = JSON.parse(bridge.link.seal('*', 'report', report()));
    expect(Object.keys(sealed.macs).sort()).toEqual(['airlock-b', 'bay']);
    expect(keysOf('bay').get('bridge')).toBe(keysOf('bridge').get('bay'));
    expect(keysOf('airlock-b').has('bay')).toBe(true);
    expect([...keysOf('airlock-b').values()]).not.toContain(keysOf('bay').get('bridge'));
  });

  it('rejects a bad MAC, an unknown sender, a replay and an older epoch, counting and logging each', () => {
    const bay = testLink('bay'), old = testLink('bridge', { epoch: 1 }), bridge = testLink('bridge', { epoch: 2 });
    introduce(bay.link, old.link);
    const older = old.link.seal('bay', 'command', command);
    introduce(bay.link, bridge.link);
    const genuine = bridge.link.seal('bay', 'command', command);
    const tampered = JSON.stringify({ ...JSON.parse(genuine), body: { machine: 'bay door', event: 'close requested' } });
    const stranger = JSON.stringify({ ...JSON.parse(genuine), from: 'mallory' });
    expect(bay.link.open(tampered)).toBeUndefined();
    expect(bay.link.open(stranger)).toBeUndefined();
    expect(bay.link.open(genuine)).toBeDefined();
    expect(bay.link.open(genuine)).toBeUndefined();
    expect(bay.link.open(older)).toBeUndefined();
    expect(bay.rejects.map((r) => r.split(':')[0])).toEqual(['bad MAC from bridge', 'unknown sender from mallory', 'replayed from bridge', 'replayed from bridge']);
    expect(bay.link.rejected).toMatchObject({ 'malformed': 0, 'unknown sender': 1, 'bad MAC': 1, 'replayed': 2 });
  });

  it('never throws on garbage, __proto__ and other built-in names as sender, deep or huge bodies: all counted as rejected', () => {
    const bay = testLink('bay');
    const deep = `{"from":"bridge","to":"bay","kind":"command","epoch":1,"seq":1,"t":0,"body":${'['.repeat(10_000)}${']'.repeat(10_000)},"macs":{}}`;
    const deepSmall = deep.replace('['.repeat(10_000) + ']'.repeat(10_000), '['.repeat(4000) + ']'.repeat(4000));
    const texts: unknown[] = [deepSmall, '', 'not json', 'null', '{}', '[]', '"x"', '{"from":"bridge"}', deep, 'x'.repeat(20_000_000), undefined, 42,
      ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((from) =>
        JSON.stringify({ from, to: '*', kind: 'report', epoch: 1, seq: 1, t: 0, body: report(), macs: { bay: [1, 'ab'.repeat(32)] } })),
      '{"from":"bridge","to":"bay","kind":{"toString":"x"},"epoch":1,"seq":1,"t":0,"body":{},"macs":{}}',
      '{"__proto__":{"from":"bridge"},"to":"bay"}',
      JSON.stringify({ from: 'bridge', to: 'bay', kind: 'command', epoch: 1, seq: 1, t: 0, body: command, macs: { ['__proto__']: [1, 'ab'.repeat(32)] } }),
    ];
    for (const text of texts) expect(() => bay.link.open(text)).not.toThrow();
    expect(bay.link.accepted).toBe(0);
    const total = Object.values(bay.link.rejected).reduce((a, b) => a + b, 0);
    expect(total).toBe(texts.length);
    expect(bay.rejects).toContain('malformed from ?: nested deeper than 6');
    expect(bay.rejects.some((r) => /^malformed from \?: too large/.test(r))).toBe(true);
  });

  it('compares MACs without regard to where they differ', () => {
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});

describe('keys and authority', () => {
  it('lets no node sign as another: an airlock node holding its own keys cannot pass for the bridge', () => {
    const bay = testLink('bay'), airlock = testLink('airlock-b');
    introduce(bay.link, airlock.link);
    const e = { from: 'bridge', to: 'bay', kind: 'command' as const, epoch: 5, seq: 1, t: 0, body: command };
    for (const key of keysOf('airlock-b').values()) {
      expect(bay.link.open(JSON.stringify({ ...e, macs: { bay: [bay.link.epoch, nodeHmac(key, boundText(canonical(e), 'bay', bay.link.epoch))] } }))).toBeUndefined();
    }
    expect(bay.link.rejected['bad MAC']).toBe(2);
  });

  it('refuses what a node has no authority to say: door E commands from an airlock, bay facts from anyone but the bay', () => {
    const bay = testLink('bay', { authorize: authority(directory) }), bridge = testLink('bridge', { authorize: authority(directory) });
    const airlock = testLink('airlock-b');
    introduce(bay.link, bridge.link, airlock.link);
    expect(bay.link.open(airlock.link.seal('bay', 'command', command))).toBeUndefined();
    expect(bay.link.open(airlock.link.seal('bay', 'command', { machine: 'bay environment', event: 'friendly requested' }))).toBeUndefined();
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: { 'bay door': { state: 'open' } }, facts: {}, heard: {} }))).toBeUndefined();
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: {}, facts: { 'bay kPa': 0 }, heard: {} }))).toBeUndefined();
    expect(bay.link.open(airlock.link.seal('bay', 'command', { recall: 'B' }))).toBeUndefined();
    expect(bay.link.rejected.unauthorized).toBe(3);
    expect(bridge.link.rejected.unauthorized).toBe(2);
    // Its own airlock it may report; the bridge may command door E.
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: { 'airlock B': { state: 'inner open' } }, facts: {}, heard: {} }))).toBeDefined();
    expect(bay.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
  });
});

describe('epochs and replay windows across reboots', () => {
  it('rejects after a reboot everything recorded before it, even from a peer that did not reboot', () => {
    const bay = testLink('bay'), bridge = testLink('bridge');
    introduce(bay.link, bridge.link);
    const recorded = [1, 2, 3].map(() => bridge.link.seal('bay', 'command', command));
    expect(bay.link.open(recorded[0])).toBeDefined();
    bay.link.tick();
    const rebooted = testLink('bay', { store: bay.store });
    expect(rebooted.link.epoch).toBe(2);
    for (const text of recorded) expect(rebooted.link.open(text)).toBeUndefined();
    expect(rebooted.link.rejected.stale).toBe(3);
    expect(rebooted.link.accepted).toBe(0);
    // Once the bridge hears the new boot, it is heard again.
    introduce(rebooted.link, bridge.link);
    expect(rebooted.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
  });

  it('persists each peer\'s last (epoch, seq) at once when its epoch moves, else every few heartbeats, and starts from it after a reboot', () => {
    const bay = testLink('bay'), bridge = testLink('bridge', { epoch: 7 });
    introduce(bay.link, bridge.link);
    bay.link.tick();
    expect(JSON.parse(bay.store.get('peers')!)).toEqual({ bridge: [7, 1, expect.stringMatching(/^[0-9a-f]{8}$/)] });
    bay.link.open(bridge.link.seal('bay', 'command', command));
    for (let i = 1; i < FLUSH_EVERY; i++) bay.link.tick();
    expect(JSON.parse(bay.store.get('peers')!)).toEqual({ bridge: [7, 1, expect.stringMatching(/^[0-9a-f]{8}$/)] });
    bay.link.tick();
    expect(JSON.parse(bay.store.get('peers')!)).toEqual({ bridge: [7, 2, expect.stringMatching(/^[0-9a-f]{8}$/)] });
    expect(testLink('bay', { store: bay.store }).link.heard.bridge).toEqual([7, 2]);
  });

  it('drops a peer\'s stored window once their pair key has changed (provisioned again), so the peer is heard from epoch 1', () => {
    const bay = testLink('bay'), bridge = testLink('bridge', { epoch: 7 });
    introduce(bay.link, bridge.link);
    for (let i = 0; i < 10; i++) bay.link.tick();
    const stored = JSON.parse(bay.store.get('peers')!) as { bridge: [number, number, string] };
    expect(stored.bridge[0]).toBe(7);
    // The same record under another key for the pair: the window is not this key's.
    bay.store.put('peers', JSON.stringify({ bridge: [7, 1, stored.bridge[2] === '00000000' ? '11111111' : '00000000'] }));
    const again = testLink('bay', { store: bay.store });
    expect(again.link.heard.bridge).toBeUndefined();
    const fresh = testLink('bridge', { epoch: 1 });
    introduce(again.link, fresh.link);
    expect(again.rejects).toEqual([]);
    expect(again.link.heard.bridge?.[0]).toBe(1);
  });

  it('refuses and reports an implausible jump of a peer\'s epoch, and keeps hearing its real epoch', () => {
    const bay = testLink('bay'), bridge = testLink('bridge', { epoch: 3 });
    introduce(bay.link, bridge.link);
    const jumper = testLink('bridge', { epoch: 3 + MAX_EPOCH_JUMP + 1 });
    introduce(jumper.link, bay.link);
    expect(bay.link.open(jumper.link.seal('bay', 'command', command))).toBeUndefined();
    expect(bay.rejects.some((r) => /^implausible epoch from bridge/.test(r))).toBe(true);
    expect(bay.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
  });

  for (const [what, spoil] of [['deleted', (s: MemoryStateStore) => s.delete(EPOCH_RECORD)], ['corrupted to 7.5', (s: MemoryStateStore) => s.put(EPOCH_RECORD, '7.5')]] as const) {
    it(`recovers from a ${what} epoch record: silent, then past the epoch its peers heard, and heard again`, () => {
      const bay = testLink('bay', { epoch: 40 }), bridge = testLink('bridge');
      introduce(bay.link, bridge.link);
      spoil(bay.store);
      const lost = testLink('bay', { store: bay.store });
      expect(lost.link.recovering).toBe(true);
      expect(lost.notices[0]).toMatch(/epoch record/);
      // The bridge still addresses epoch 40: authentic proof of how far this node had come.
      lost.link.open(bridge.link.seal('*', 'report', report()));
      expect(lost.link.recovering).toBe(true); // airlock-b has not spoken yet: the window waits up to 2T for it
      lost.clock.t += 2000; lost.link.tick();
      expect(lost.link.recovering).toBe(false);
      expect(lost.link.epoch).toBe(41);
      expect(bay.store.get(EPOCH_RECORD)).toBe('41');
      introduce(lost.link, bridge.link);
      expect(bridge.link.open(lost.link.seal('bridge', 'report', report())) ?? 'refused').not.toBe('refused');
    });
  }

  it('moves past an epoch record restored from an older copy, when a peer shows it heard a later one', () => {
    const bay = testLink('bay', { epoch: 12 }), bridge = testLink('bridge');
    introduce(bay.link, bridge.link);
    const older = new MemoryStateStore(); older.put(EPOCH_RECORD, '6');
    const restored = testLink('bay', { store: older });
    expect(restored.link.epoch).toBe(7);
    restored.link.open(bridge.link.seal('*', 'report', report()));
    restored.clock.t += 2000; restored.link.tick();
    expect(restored.link.epoch).toBe(13);
    expect(restored.notices.some((n) => /record was behind/.test(n))).toBe(true);
  });

  it('lets no single peer move its epoch when the others say otherwise', () => {
    const bay = testLink('bay', { epoch: 5 }), bridge = testLink('bridge'), airlock = testLink('airlock-b');
    introduce(bay.link, bridge.link, airlock.link);
    // A compromised airlock node binds its MAC to an epoch of the bay far ahead of the real one.
    const e = { from: 'airlock-b', to: 'bay', kind: 'report' as const, epoch: 1, seq: 9, t: 0, body: report() };
    bay.link.open(JSON.stringify({ ...e, macs: { bay: [900, nodeHmac(keysOf('airlock-b').get('bay')!, boundText(canonical(e), 'bay', 900))] } }));
    bay.link.open(bridge.link.seal('*', 'report', report()));
    bay.clock.t += 2000; bay.link.tick();
    expect(bay.link.epoch).toBe(5);
    expect(bay.notices.some((n) => /only 1 of 2 peers heard say this node's epoch is behind: ignored/.test(n))).toBe(true);
  });

  it('ends a recovery nobody answers with its provisional epoch', () => {
    const lonely = testLink('bay', { store: new MemoryStateStore() });
    expect(lonely.link.recovering).toBe(true);
    lonely.clock.t += 2000; lonely.link.tick();
    expect(lonely.link.recovering).toBe(false);
    expect(lonely.link.epoch).toBe(1);
  });
});
