// A node's own recovery on the bus (a lost epoch record, messages sealed for an epoch it left) is counted and said
// in one line, never shown as a stream of faults; every other rejection is still a fault.
import { describe, expect, it } from 'vitest';
import type { ControllerReport } from '../../firmware/controller';
import { BusRecovery, QUIET_MS } from '../../scripts/lib/bus-recovery';

const fault = (t: number, detail: string): ControllerReport => ({ t, kind: 'fault', machine: 'bridge', detail });
const stale = (t: number, from: string) => fault(t, `rejected message from ${from}: stale (report 1/2 made for this node's epoch 1, not its lost one)`);

describe('the bus\'s recovery, as a node prints it', () => {
  it('turns a fresh node\'s deaf boot and its stale messages into one line when the epoch is recovered', () => {
    const r = new BusRecovery('bridge');
    const lines: (string | undefined)[] = [];
    for (const report of [
      fault(0, 'epoch: no epoch record: its peers\' answers will show the epoch this node had reached'),
      fault(1000, 'epoch: epoch not proven: 1 of 2 peers answered its challenge; deaf until most do, challenging again'),
      stale(379, 'bay'), stale(939, 'airlock-b'), stale(1381, 'bay'), stale(1381, 'bay'), stale(1923, 'airlock-b'),
    ]) { expect(r.take(report)).toBe(true); lines.push(r.due(report.t)); }
    expect(lines.every((l) => l === undefined)).toBe(true);
    expect(r.due(10_000)).toBeUndefined(); // still deaf: said whole when it ends
    expect(r.take(fault(2000, 'epoch: epoch 2: proven: 2 of 2 peers answered; the highest epoch of this node they knew was 1; its record was lost'))).toBe(true);
    expect(r.due(2000)).toBe('bus: recovered as designed: no epoch record at boot, so deaf until its peers showed the epoch it had reached; '
      + 'after 2.0 s, epoch 2: proven: 2 of 2 peers answered; the highest epoch of this node they knew was 1; its record was lost; meanwhile 5 stale messages rejected (bay 3, airlock-b 2), '
      + 'bound to an epoch this node had left.');
    expect(r.due(9000)).toBeUndefined();
    expect(Object.fromEntries(r.staleFrom)).toEqual({ bay: 3, 'airlock-b': 2 });
  });

  it('ends a recovery when the epoch is proven, as when no peer knew the node, and shows a store that refuses it as a fault', () => {
    const r = new BusRecovery('bridge');
    r.take(fault(0, 'epoch: no epoch record: its peers\' answers will show the epoch this node had reached'));
    expect(r.take(fault(1192, 'epoch: epoch 1: proven: no peer of 1 answering knew an epoch of this node; its record was lost'))).toBe(true);
    expect(r.due(1192)).toBe('bus: recovered as designed: no epoch record at boot, so deaf until its peers showed the epoch it had reached; after 1.2 s, epoch 1: proven: no peer of 1 answering knew an epoch of this node; its record was lost.');
    expect(r.take(fault(2000, 'epoch: cannot store epoch 2 in /x (EROFS): deaf to commands and reports until it can, retrying'))).toBe(false);
  });

  it('sums up stale messages that come later once the bus has been quiet, and keeps the running counts', () => {
    const r = new BusRecovery('bridge');
    r.take(stale(5000, 'bay'));
    expect(r.due(5000 + QUIET_MS - 1)).toBeUndefined();
    expect(r.due(5000 + QUIET_MS)).toBe('bus: 1 stale message rejected (bay 1), bound to an epoch this node had left; expected while nodes boot or restart.');
    r.take(stale(9000, 'bay'));
    expect(r.summary()).toMatch(/^bus: 1 stale message rejected \(bay 1\)/);
    expect(r.staleFrom.get('bay')).toBe(2);
  });

  it('leaves every other rejection, another node\'s faults and machine reports to be shown', () => {
    const r = new BusRecovery('bridge');
    expect(r.take(fault(1, 'rejected message from bay: bad MAC (report 3/4)'))).toBe(false);
    expect(r.take(fault(1, 'rejected message from bay: replay (report 3/4)'))).toBe(false);
    expect(r.take({ t: 1, kind: 'fault', machine: 'bay', detail: 'rejected message from bridge: stale (x)' })).toBe(false);
    expect(r.take({ t: 1, kind: 'transition', machine: 'battle deck', from: 'relaxed', to: 'readying', event: 'ready requested' })).toBe(false);
    expect(r.summary()).toBeUndefined();
  });
});
