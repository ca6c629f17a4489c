// What a node keeps across reboots: records replaced atomically on the host, a boot epoch that is read, raised
// and written back, and a damaged record reported as lost rather than trusted; the simulated world likewise.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EPOCH_RECORD, loadPeers, MemoryStateStore, persistEpoch, savePeers, storedEpoch } from '../../firmware/net/state-store';
import { fileStateStore } from '../../scripts/lib/node-net';
import { LaunchBayModel } from '../../sim/physics/model';
import { worldOptions, worldRecord } from '../../sim/physics/persist';

const dir = mkdtempSync(join(tmpdir(), 'launchbay-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the node state store', () => {
  it('replaces a file record whole, leaving no temporary file, and reads a missing one as never written', () => {
    const store = fileStateStore(join(dir, 'bay'));
    expect(store.get(EPOCH_RECORD)).toBeUndefined();
    store.put(EPOCH_RECORD, '41');
    store.put(EPOCH_RECORD, '42');
    expect(store.get(EPOCH_RECORD)).toBe('42');
    expect(readdirSync(join(dir, 'bay'))).toEqual([EPOCH_RECORD]);
  });

  it('reads the stored epoch without trusting or writing it; reports a missing or damaged record as lost', () => {
    const store = new MemoryStateStore();
    store.put(EPOCH_RECORD, '6\n');
    expect(storedEpoch(store)).toEqual({ epoch: 6 });
    expect(store.get(EPOCH_RECORD)).toBe('6\n');
    for (const [text, why] of [[undefined, 'no epoch record'], ['7.5', 'unreadable epoch record "7.5"'], ['', 'unreadable'], ['-3', 'unreadable'], ['1e400', 'unreadable']] as const) {
      const s = new MemoryStateStore();
      if (text !== undefined) s.put(EPOCH_RECORD, text);
      const stored = storedEpoch(s);
      expect(stored.epoch).toBe(0);
      expect(stored.lost).toContain(why);
    }
  });

  it('persists an epoch only if it reads it back, naming what came back otherwise', () => {
    const store = new MemoryStateStore();
    persistEpoch(store, 8);
    expect(store.get(EPOCH_RECORD)).toBe('8');
    const forgetful = { get: () => '7', put: () => {} };
    expect(() => persistEpoch(forgetful, 9)).toThrow('wrote 9, read back "7"');
    store.refuse = 'EROFS: read-only file system';
    expect(() => persistEpoch(store, 9)).toThrow('EROFS');
  });

  it('names its folder, and fails a write it cannot make with the system\'s reason', () => {
    writeFileSync(join(dir, 'blocked'), 'a file where the state folder should be');
    const store = fileStateStore(join(dir, 'blocked', 'bay'));
    expect(store.where).toBe(join(dir, 'blocked', 'bay'));
    expect(() => store.put(EPOCH_RECORD, '4')).toThrow(/ENOTDIR/);
  });

  it('keeps only well-formed replay windows of known peers, under the key they were accepted with', () => {
    const store = new MemoryStateStore();
    const fp = new Map([['bridge', 'aaaa0001'], ['bay', 'aaaa0002'], ['airlock-b', 'aaaa0003'], ['airlock-c', 'aaaa0004'], ['airlock-d', 'aaaa0006']]);
    store.put('peers', JSON.stringify({
      bridge: [3, 9, 'aaaa0001'], bay: 'x', __proto__: [1, 1, 'aaaa0002'], mallory: [1, 1, 'aaaa0005'], 'airlock-b': [0, 1, 'aaaa0003'],
      // Accepted under a key since replaced (the deployment was provisioned again), or before keys were fingerprinted.
      'airlock-c': [5, 5, 'ffff0000'], 'airlock-d': [2, 2],
    }));
    expect([...loadPeers(store, fp)]).toEqual([['bridge', [3, 9]]]);
    savePeers(store, new Map([['bridge', [4, 1]]]), fp);
    expect(JSON.parse(store.get('peers')!)).toEqual({ bridge: [4, 1, 'aaaa0001'] });
    store.put('peers', '{not json');
    expect(loadPeers(store, fp).size).toBe(0);
  });
});

describe('the simulated world across a process restart', () => {
  it('resumes pressures and door positions, and ignores what is damaged', () => {
    const model = new LaunchBayModel({ bay: { kPa: 0.4, tempC: -40 }, bayDoor: { position: 1 }, airlocks: { B: { chamberKpa: 0.5, outer: { position: 1 } } } });
    const again = new LaunchBayModel(worldOptions(JSON.parse(JSON.stringify(worldRecord(model)))));
    expect([again.bay.kPa, again.bayDoor.position, again.airlocks.B.chamberKpa, again.airlocks.B.outer.position]).toEqual([0.4, 1, 0.5, 1]);
    const damaged = new LaunchBayModel(worldOptions({ bay: { kPa: 'x' }, bayDoor: { position: 7 }, airlocks: { B: null, __proto__: {} } }));
    expect([damaged.bay.kPa, damaged.bayDoor.position]).toEqual([new LaunchBayModel().bay.kPa, 0]);
  });
});
