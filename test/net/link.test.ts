// The envelope's guarantees at one receiver: authentic, from a known sender, newer than anything before.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../firmware/net/hmac';
import { Link, type Rejection } from '../../firmware/net/link';
import { hmacSha256 } from '../../firmware/net/sha256';

const keyring = { bridge: '11'.repeat(32), bay: '22'.repeat(32) };
const nodeHmac = (key: string, m: string) => createHmac('sha256', Buffer.from(key, 'hex')).update(m, 'utf8').digest('hex');
const link = (node: string, epoch = 1, rejects: string[] = []) =>
  new Link({ node, keyring, epoch, hmac: hmacSha256, now: () => 0, onReject: (r: Rejection, from) => rejects.push(`${r} from ${from}`) });
const command = { machine: 'bay door', event: 'open requested' };

describe('the signed envelope', () => {
  it('computes HMAC-SHA256 exactly as node:crypto does', () => {
    for (const m of ['', 'Hi There', JSON.stringify(['bridge', '*', 'report', 1, 2, 3, { é: '€😀' }])]) expect(hmacSha256(keyring.bay, m)).toBe(nodeHmac(keyring.bay, m));
  });

  it('accepts an authentic message and records its (epoch, seq)', () => {
    const bay = link('bay');
    const e = bay.open(link('bridge').seal('bay', 'command', command));
    expect(e?.body).toEqual(command);
    expect(bay.heard.bridge).toEqual([1, 1]);
  });

  it('rejects a bad MAC, an unknown sender, a replay and an older epoch, counting each', () => {
    const rejects: string[] = [], bay = link('bay', 1, rejects), bridge = link('bridge', 2);
    const genuine = bridge.seal('bay', 'command', command);
    const tampered = JSON.stringify({ ...JSON.parse(genuine), body: { machine: 'bay door', event: 'close requested' } });
    const stranger = new Link({ node: 'mallory', keyring: { ...keyring, mallory: '33'.repeat(32) }, epoch: 1, hmac: hmacSha256, now: () => 0 });
    expect(bay.open(tampered)).toBeUndefined();
    expect(bay.open(stranger.seal('bay', 'command', command))).toBeUndefined();
    expect(bay.open(genuine)).toBeDefined();
    expect(bay.open(genuine)).toBeUndefined();
    expect(bay.open(link('bridge', 1).seal('bay', 'command', command))).toBeUndefined();
    expect(rejects).toEqual(['bad MAC from bridge', 'unknown sender from mallory', 'replayed from bridge', 'replayed from bridge']);
    expect(bay.rejected).toEqual({ 'malformed': 0, 'unknown sender': 1, 'bad MAC': 1, 'replayed': 2 });
  });

  it('never throws on garbage, and counts it as malformed', () => {
    const bay = link('bay');
    for (const text of ['', 'not json', 'null', '{}', '{"from":"bridge"}', JSON.stringify({ from: 'bridge', to: 'bay', kind: 'command', epoch: 1, seq: 1, t: 0, body: command })]) {
      expect(() => bay.open(text)).not.toThrow();
    }
    expect(bay.rejected.malformed).toBe(6);
    expect(bay.accepted).toBe(0);
  });

  it('compares MACs without regard to where they differ', () => {
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
