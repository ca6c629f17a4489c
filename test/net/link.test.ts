// The envelope's guarantees at one receiver: well formed, authentic under the pair's key, bound to this boot,
// newer than anything before from its sender, within the sender's authority; and epochs that survive reboots.
import { describe, expect, it } from 'vitest';
import { authority } from '../../firmware/net/authority';
import { boundText, canonical, type Envelope } from '../../firmware/net/envelope';
import { constantTimeEqual } from '../../firmware/net/hmac';
import { FLUSH_EVERY, MAX_EPOCH_JUMP } from '../../firmware/net/link';
import { hmacSha256 } from '../../firmware/net/sha256';
import { EPOCH_RECORD, MemoryStateStore } from '../../firmware/net/state-store';
import { deliver, directory, introduce, keysOf, nodeHmac, prove, testLink, type TestLink } from './fixtures';

const command = { machine: 'bay door', event: 'open requested' };
const report = (machines = {}) => ({ machines, facts: {}, heard: {} });
/** The three test nodes' links, each epoch proven by the others' answers. */
function trio(o: { bay?: number; bridge?: number; authorize?: (e: Envelope) => string | undefined } = {}) {
  const bay = testLink('bay', { epoch: o.bay, authorize: o.authorize }), bridge = testLink('bridge', { epoch: o.bridge, authorize: o.authorize });
  const airlock = testLink('airlock-b', { authorize: o.authorize });
  prove(bay, bridge, airlock);
  return { bay, bridge, airlock };
}
/** A reboot of `node` on its store, proven by the others' answers. */
function reboot(node: string, store: TestLink['store'], ...others: TestLink[]): TestLink {
  const again = testLink(node, { store });
  prove(again, ...others);
  return again;
}

describe('the signed envelope', () => {
  it('computes HMAC-SHA256 exactly as node:crypto does', () => {
    const key = '22'.repeat(32);
    for (const m of ['', 'Hi There', JSON.stringify(['bridge', '*', 'report', 1, 2, 3, { é: '€😀' }])]) expect(hmacSha256(key, m)).toBe(nodeHmac(key, m));
  });

  it('accepts an authentic message once its sender knows this boot, and records its (epoch, seq)', () => {
    const { bay, bridge } = trio();
    introduce(bay.link, bridge.link);
    const e = bay.link.open(bridge.link.seal('bay', 'command', command));
    expect(e?.body).toEqual(command);
    expect(bay.link.heard.bridge).toEqual([1, bridge.link.nextSeq - 1]);
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
    const { bay, bridge: old, airlock } = trio();
    introduce(bay.link, old.link);
    const older = old.link.seal('bay', 'command', command);
    const bridge = reboot('bridge', old.store, bay, airlock);
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
    const { bay } = trio();
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
    const { bay, airlock } = trio();
    introduce(bay.link, airlock.link);
    const e = { from: 'bridge', to: 'bay', kind: 'command' as const, epoch: 5, seq: 1, t: 0, body: command };
    for (const key of keysOf('airlock-b').values()) {
      expect(bay.link.open(JSON.stringify({ ...e, macs: { bay: [bay.link.epoch, nodeHmac(key, boundText(canonical(e), 'bay', bay.link.epoch))] } }))).toBeUndefined();
    }
    expect(bay.link.rejected['bad MAC']).toBe(2);
  });

  it('refuses what a node has no authority to say: door E commands from an airlock, bay facts from anyone but the bay', () => {
    const { bay, bridge, airlock } = trio({ authorize: authority(directory) });
    introduce(bay.link, bridge.link, airlock.link);
    expect(bay.link.open(airlock.link.seal('bay', 'command', command))).toBeUndefined();
    expect(bay.link.open(airlock.link.seal('bay', 'command', { machine: 'bay environment', event: 'friendly requested' }))).toBeUndefined();
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: { 'bay door': { state: 'open' } }, facts: {}, heard: {} }))).toBeUndefined();
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: {}, facts: { 'bay kPa': 0 }, heard: {} }))).toBeUndefined();
    // Nor how long the bay's reading has stood still: a forged 0 would make a frozen reading look live.
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: {}, facts: { 'bay kPa still ms': 0 }, heard: {} }))).toBeUndefined();
    expect(bay.link.open(airlock.link.seal('bay', 'command', { recall: 'B' }))).toBeUndefined();
    expect(bay.link.rejected.unauthorized).toBe(3);
    expect(bridge.link.rejected.unauthorized).toBe(3);
    // Its own airlock it may report; the bridge may command door E.
    expect(bridge.link.open(airlock.link.seal('*', 'report', { machines: { 'airlock B': { state: 'inner open' } }, facts: {}, heard: {} }))).toBeDefined();
    expect(bay.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
    // The bay node may report the bay's reading and how long it has stood still.
    expect(bridge.link.open(bay.link.seal('*', 'report', { machines: {}, facts: { 'bay kPa': 100, 'bay kPa still ms': 200 }, heard: {} }))).toBeDefined();
  });
});

describe('epochs and replay windows across reboots', () => {
  it('rejects after a reboot everything recorded before it, even from a peer that did not reboot', () => {
    const { bay, bridge, airlock } = trio();
    introduce(bay.link, bridge.link);
    const recorded = [1, 2, 3].map(() => bridge.link.seal('bay', 'command', command));
    expect(bay.link.open(recorded[0])).toBeDefined();
    bay.link.tick();
    const rebooted = reboot('bay', bay.store, bridge, airlock);
    expect(rebooted.link.epoch).toBe(2);
    for (const text of recorded) expect(rebooted.link.open(text)).toBeUndefined();
    expect(rebooted.link.rejected.stale).toBe(3);
    expect(rebooted.link.accepted).toBe(0);
    // Once the bridge hears the new boot, it is heard again.
    introduce(rebooted.link, bridge.link);
    expect(rebooted.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
  });

  it('persists each peer\'s last (epoch, seq) at once when its epoch moves, else every few heartbeats, and starts from it after a reboot', () => {
    const { bay, bridge, airlock } = trio({ bridge: 7 });
    introduce(bay.link, bridge.link);
    bay.link.tick();
    const seq = bay.link.heard.bridge[1];
    expect(JSON.parse(bay.store.get('peers')!).bridge).toEqual([7, seq, expect.stringMatching(/^[0-9a-f]{8}$/)]);
    bay.link.open(bridge.link.seal('bay', 'command', command));
    for (let i = 1; i < FLUSH_EVERY; i++) bay.link.tick();
    expect(JSON.parse(bay.store.get('peers')!).bridge).toEqual([7, seq, expect.stringMatching(/^[0-9a-f]{8}$/)]);
    bay.link.tick();
    expect(JSON.parse(bay.store.get('peers')!).bridge).toEqual([7, seq + 1, expect.stringMatching(/^[0-9a-f]{8}$/)]);
    expect(reboot('bay', bay.store, bridge, airlock).link.heard.bridge).toEqual([7, seq + 1]);
  });

  it('drops a peer\'s stored window once their pair key has changed (provisioned again), so the peer is heard from epoch 1', () => {
    const { bay, bridge, airlock } = trio({ bridge: 7 });
    introduce(bay.link, bridge.link);
    for (let i = 0; i < 10; i++) bay.link.tick();
    const stored = JSON.parse(bay.store.get('peers')!) as { bridge: [number, number, string] };
    expect(stored.bridge[0]).toBe(7);
    // The same record under another key for the pair: the window is not this key's.
    bay.store.put('peers', JSON.stringify({ bridge: [7, 1, stored.bridge[2] === '00000000' ? '11111111' : '00000000'] }));
    const fresh = testLink('bridge', { epoch: 1 });
    const again = reboot('bay', bay.store, fresh, airlock);
    expect(again.link.heard.bridge).toBeUndefined();
    introduce(again.link, fresh.link);
    expect(again.rejects).toEqual([]);
    expect(again.link.heard.bridge?.[0]).toBe(1);
  });

  it('refuses and reports an implausible jump of a peer\'s epoch, and keeps hearing its real epoch', () => {
    const { bay, bridge, airlock } = trio({ bridge: 3 });
    introduce(bay.link, bridge.link);
    const jumper = testLink('bridge', { epoch: 3 + MAX_EPOCH_JUMP + 1 });
    prove(jumper, bay, airlock);
    introduce(jumper.link, bay.link);
    expect(bay.link.open(jumper.link.seal('bay', 'command', command))).toBeUndefined();
    expect(bay.rejects.some((r) => /^implausible epoch from bridge/.test(r))).toBe(true);
    expect(bay.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
  });

  it('is deaf and silent until its epoch is proven by answers to its own challenge, then persists it before hearing', () => {
    const bay = testLink('bay', { epoch: 5 }), bridge = testLink('bridge'), airlock = testLink('airlock-b');
    expect(bay.link.recovering).toBe(true);
    expect(bay.store.get(EPOCH_RECORD)).toBe('4'); // nothing written before the proof
    const challenge = JSON.parse(bay.outbox[0]!.text);
    expect([challenge.kind, bay.outbox[0]!.to, challenge.body.nonce]).toEqual(['challenge', '*', expect.stringMatching(/^[0-9a-f]{32}$/)]);
    prove(bridge, airlock);
    introduce(bridge.link, airlock.link);
    expect(bay.link.open(bridge.link.seal('*', 'report', report()))).toBeUndefined();
    deliver(bay, bridge); // the bridge answers; airlock-b has not: one of two is no majority
    bay.clock.t += 2000; bay.link.tick();
    expect(bay.link.recovering).toBe(true);
    deliver(bay, bridge);
    bay.clock.t += 2000; bay.link.tick();
    expect(bay.link.recovering).toBe(true);
    expect(bay.notices.some((n) => /epoch not proven: 1 of 2 peers answered/.test(n))).toBe(true);
    deliver(bay, bridge, airlock);
    expect(bay.link.recovering).toBe(false);
    expect([bay.link.epoch, bay.store.get(EPOCH_RECORD)]).toEqual([5, '5']);
  });

  it('proves its epoch at every boot: a valid record restored from an older copy moves past what its peers answer', () => {
    const { bay, bridge, airlock } = trio({ bay: 12 });
    introduce(bay.link, bridge.link, airlock.link);
    const older = new MemoryStateStore(); older.put(EPOCH_RECORD, '6');
    const restored = reboot('bay', older, bridge, airlock);
    expect(restored.link.epoch).toBe(13);
    expect(older.get(EPOCH_RECORD)).toBe('13');
    expect(restored.notices.some((n) => /epoch 13: proven: .*highest epoch of this node they knew was 12; its record \(6\) was behind/.test(n))).toBe(true);
  });

  for (const [what, spoil] of [['deleted', (s: MemoryStateStore) => s.delete(EPOCH_RECORD)], ['corrupted to 7.5', (s: MemoryStateStore) => s.put(EPOCH_RECORD, '7.5')]] as const) {
    it(`recovers from a ${what} epoch record past the epoch its peers answer, and is heard again`, () => {
      const { bay, bridge, airlock } = trio({ bay: 40 });
      introduce(bay.link, bridge.link, airlock.link);
      spoil(bay.store);
      const lost = testLink('bay', { store: bay.store });
      expect(lost.notices[0]).toMatch(/epoch record/);
      prove(lost, bridge, airlock);
      expect([lost.link.recovering, lost.link.epoch, bay.store.get(EPOCH_RECORD)]).toEqual([false, 41, '41']);
      introduce(lost.link, bridge.link);
      expect(bridge.link.open(lost.link.seal('bridge', 'report', report())) ?? 'refused').not.toBe('refused');
    });
  }

  it('takes no replayed message as recovery evidence: with its record lost, recorded traffic from an old boot neither sets its epoch nor is accepted', () => {
    const { bay, bridge, airlock } = trio({ bay: 3 });
    // An outsider records a boot of the bay: each peer's messages bound to it, the bridge's `open requested` too.
    introduce(bay.link, bridge.link, airlock.link);
    const old = { bridge: bridge.link.seal('*', 'report', report()), airlock: airlock.link.seal('*', 'report', report()), open: bridge.link.seal('bay', 'command', command) };
    let b = bay;
    for (let i = 0; i < 3; i++) { b = reboot('bay', b.store, bridge, airlock); introduce(b.link, bridge.link, airlock.link); }
    expect(b.link.epoch).toBe(6);
    // The bay loses its state; before its peers answer, the outsider replays one recorded message per peer, then
    // (once the bay runs again) all of them, the old `open requested` included.
    b.store.delete(EPOCH_RECORD); b.store.delete('peers');
    const lost = testLink('bay', { store: b.store });
    for (const text of [old.bridge, old.airlock]) expect(lost.link.open(text)).toBeUndefined();
    lost.clock.t += 2000; lost.link.tick();
    expect(lost.link.recovering).toBe(true);
    prove(lost, bridge, airlock);
    expect(lost.link.epoch).toBe(7);
    for (const text of [old.bridge, old.airlock, old.open, old.open]) expect(lost.link.open(text)).toBeUndefined();
    expect(lost.link.accepted).toBe(0);
    expect(lost.rejects.filter((r) => /^stale from (bridge|airlock-b): \w+ \d+\/\d+ made for this node's epoch 3, not 7/.test(r))).toHaveLength(4);
  });

  it('counts no answer that does not echo its open challenge\'s nonce: recorded answers prove nothing', () => {
    const { bay, bridge, airlock } = trio({ bay: 9 });
    const answers: string[] = [];
    const again = testLink('bay', { store: bay.store });
    deliver(again, bridge, airlock);
    expect(again.link.epoch).toBe(10);
    // The answers to that boot's challenge, recorded and replayed into the next boot.
    bridge.link.open(again.link.seal('*', 'challenge', { nonce: '0f'.repeat(16) }));
    answers.push(...bridge.outbox.splice(0).map((m) => m.text));
    const next = testLink('bay', { store: bay.store });
    for (const text of answers) next.link.open(text);
    next.clock.t += 2000; next.link.tick();
    expect(next.link.recovering).toBe(true);
    expect(next.rejects.some((r) => /^replayed from bridge: answer .* to no challenge this node has open/.test(r))).toBe(true);
  });

  it('counts an answer that comes after its challenge was decided (a slow or duplicating bus) as late, not as a fault, and moves nothing by it', () => {
    const { bay, bridge, airlock } = trio({ bay: 4 });
    const again = testLink('bay', { store: bay.store });
    for (const m of again.outbox.splice(0)) { bridge.link.open(m.text); airlock.link.open(m.text); }
    const answers = [...bridge.outbox.splice(0), ...airlock.outbox.splice(0)];
    for (const m of answers) expect(again.link.open(m.text)).toBeUndefined();
    expect([again.link.recovering, again.link.epoch]).toEqual([false, 5]); // both answered: decided at once
    const notices = again.notices.length, stale = again.link.rejected.stale;
    for (const m of answers) expect(again.link.open(m.text)).toBeUndefined(); // each delivered once more, late
    expect(again.rejects).toEqual([]);
    expect(again.link.rejected.stale).toBe(stale + 2);
    expect([again.link.recovering, again.link.epoch, again.notices.length]).toEqual([false, 5, notices]);
  });

  it('stays deaf while its store refuses the new epoch, says where and why, and recovers when it works, never reusing an epoch', () => {
    const { bay, bridge, airlock } = trio({ bay: 4 });
    introduce(bay.link, bridge.link, airlock.link);
    bay.store.refuse = 'ENOSPC: no space left on device';
    const full = testLink('bay', { store: bay.store });
    prove(full, bridge, airlock);
    expect(full.link.recovering).toBe(true);
    expect(full.link.epoch).toBe(5);
    expect(full.notices.some((n) => n === 'cannot store epoch 5 in the simulated flash (ENOSPC: no space left on device): deaf to commands and reports until it can, retrying')).toBe(true);
    expect(full.link.open(bridge.link.seal('bay', 'command', command))).toBeUndefined();
    expect(full.link.accepted).toBe(0);
    // Rebooted while the disk is still full: the same epoch was never spoken under, and is proven again.
    const still = testLink('bay', { store: bay.store });
    prove(still, bridge, airlock);
    expect([still.link.recovering, still.link.epoch]).toEqual([true, 5]);
    bay.store.refuse = undefined;
    still.link.tick();
    expect([still.link.recovering, still.link.epoch, bay.store.get(EPOCH_RECORD)]).toEqual([false, 5, '5']);
    expect(still.notices).toContain('epoch 5 stored in the simulated flash at last: hearing again');
    introduce(still.link, bridge.link);
    expect(still.link.open(bridge.link.seal('bay', 'command', command))).toBeDefined();
    // Once heard under 5, a lost store cannot bring it back to 5.
    bay.store.delete(EPOCH_RECORD);
    expect(reboot('bay', bay.store, bridge, airlock).link.epoch).toBe(6);
  });

  it('tells once when a peer is heard under a later epoch than before: it restarted', () => {
    const { bay, bridge, airlock } = trio();
    introduce(bay.link, bridge.link);
    const again = reboot('bridge', bridge.store, bay, airlock);
    introduce(bay.link, again.link);
    bay.link.open(again.link.seal('bay', 'command', command));
    expect(bay.restarts).toEqual(['bridge 2']);
  });

  it('lets no single peer move its epoch while it runs when the others say otherwise', () => {
    const { bay, bridge, airlock } = trio({ bay: 5 });
    introduce(bay.link, bridge.link, airlock.link);
    // A compromised airlock node binds its MAC to an epoch of the bay far ahead of the real one: a sign, no proof.
    bay.clock.t += 2000;
    const e = { from: 'airlock-b', to: 'bay', kind: 'report' as const, epoch: 1, seq: 99, t: 0, body: report() };
    bay.link.open(JSON.stringify({ ...e, macs: { bay: [900, nodeHmac(keysOf('airlock-b').get('bay')!, boundText(canonical(e), 'bay', 900))] } }));
    // The challenge it started: the bridge answers truly, the compromised node claims 900.
    const challenge = bay.outbox.splice(0).find((m) => JSON.parse(m.text).kind === 'challenge')!;
    const nonce = JSON.parse(challenge.text).body.nonce as string;
    bridge.link.open(challenge.text);
    deliver(bay, bridge);
    const lie = { from: 'airlock-b', to: 'bay', kind: 'answer' as const, epoch: 1, seq: 100, t: 0, body: { nonce, epoch: 900, seq: 1 } };
    bay.link.open(JSON.stringify({ ...lie, macs: { bay: [5, nodeHmac(keysOf('airlock-b').get('bay')!, boundText(canonical(lie), 'bay', 5))] } }));
    expect(bay.link.epoch).toBe(5);
    expect(bay.notices.some((n) => /only 1 of 2 peers answering say this node's epoch is behind: ignored/.test(n))).toBe(true);
  });

  it('stays deaf when nobody answers its challenge, challenging again every window', () => {
    const lonely = testLink('bay', { store: new MemoryStateStore() });
    lonely.clock.t += 2000; lonely.link.tick();
    expect(lonely.link.recovering).toBe(true);
    expect(lonely.outbox.filter((m) => JSON.parse(m.text).kind === 'challenge')).toHaveLength(2);
  });
});
