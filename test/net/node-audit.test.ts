// A node's audit log, as an operator and an auditor meet it: each run of `npm run node` begins with its marker, and
// every control line (presses, requests, resets, injected faults, lines for another node) is there with its answer
// and the node that was asked, beside every report the node made: who pressed what, when, and what came of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAuditFile } from '../../views/audit/jsonl-log';
import { control, provision, runNode, startBroker, until, type Proc } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'launchbay-node-audit-'));
const started: Proc[] = [];
let broker: Awaited<ReturnType<typeof startBroker>> | undefined;
const stop = (p: Proc) => new Promise((resolve) => {
  if (p.exited !== undefined) return resolve(undefined);
  p.child.once('exit', resolve);
  p.child.kill('SIGTERM');
});
afterAll(async () => {
  await Promise.all(started.map(stop));
  broker?.process.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

type Entry = { kind: string; detail?: string; expected?: string; node?: string; run?: string; at?: string; t: number; source?: string; input?: string; answer?: string; ok?: boolean; command?: string; board?: string };

describe('a node\'s audit log', () => {
  it('marks each run, and records every control line with the node asked, its answer and its time', async () => {
    broker = await startBroker(dir);
    provision(['sim-bridge', 'sim-airlock-b'], join(dir, 'keys'));
    const log = join(dir, 'logs', 'airlock-b.jsonl');
    const args = ['--board', 'sim-airlock-b', '--broker', `mqtt://127.0.0.1:${broker.port}`, '--keys', join(dir, 'keys', 'airlock-b.json'),
      '--state-dir', join(dir, 'state'), '--audit-log', log];
    const lines = [
      { press: 'airlock B button 2', ms: 300 }, { request: 'ready' }, { jam: 'airlock B outer' },
      { sensorFault: 'airlock B chamber pressure', stuck: -999 }, { unjam: 'airlock B outer' }, { reset: 'airlock B' },
    ];
    for (const run of [1, 2]) {
      const p = runNode(args);
      started.push(p);
      await until('its status', () => p.statuses > 0);
      for (const line of lines.slice(0, run === 1 ? lines.length : 1)) control(p, line);
      const operator = () => readAuditFile(log).entries.filter((e) => (e as unknown as Entry).kind === 'operator').length;
      await until('its answers in the log', () => operator() >= (run === 1 ? lines.length : lines.length + 1));
      await stop(p);
    }
    const entries = readAuditFile(log).entries as unknown as Entry[];
    const runs = entries.filter((e) => e.kind === 'run started');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ node: 'airlock-b', board: 'sim-airlock-b', t: 0 });
    expect(runs[0]!.command).toContain('npm run node -- --board sim-airlock-b');
    expect(runs[1]!.run! > runs[0]!.run!).toBe(true);
    // Every entry names its node and its run; within a run, the wall clock only moves on.
    for (const e of entries) { expect(e.node).toBe('airlock-b'); expect(e.run).toBeDefined(); }
    expect(entries.map((e) => e.at!)).toEqual(entries.map((e) => e.at!).sort());
    const asked = entries.filter((e) => e.kind === 'operator').map((e) => [e.run === runs[0]!.run ? 1 : 2, e.source, JSON.parse(e.input!), e.answer, e.ok !== false]);
    expect(asked).toEqual([
      [1, 'stdin of node airlock-b', lines[0], 'pressed airlock B button 2 for 300 ms', true],
      [1, 'stdin of node airlock-b', lines[1], 'request ready is on node bridge, which hosts battle deck; this is node airlock-b (send it to bridge\'s stdin)', false],
      [1, 'stdin of node airlock-b', lines[2], 'airlock B outer door jammed', true],
      [1, 'stdin of node airlock-b', lines[3], expect.stringMatching(/cannot be stuck at -999/), false],
      [1, 'stdin of node airlock-b', lines[4], 'airlock B outer door free', true],
      [1, 'stdin of node airlock-b', lines[5], expect.stringMatching(/^airlock B: reset sent/), true],
      [2, 'stdin of node airlock-b', lines[0], 'pressed airlock B button 2 for 300 ms', true],
    ]);
    // The node's own reports are there too: its machines' transitions since boot, and its boot without an epoch
    // record, marked as the bus recovering as designed rather than read as a fault.
    expect(entries.some((e) => e.kind === 'transition')).toBe(true);
    const recovery = entries.filter((e) => (e.kind === 'fault' || e.kind === 'notice') && /^epoch: /.test(e.detail ?? ''));
    expect(recovery.map((e) => e.detail)).toContainEqual(expect.stringMatching(/^epoch: no epoch record/));
    for (const e of recovery) expect(e.expected, e.detail).toBe('recovery');
  }, 120_000);
});
