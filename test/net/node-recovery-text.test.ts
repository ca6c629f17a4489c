// A fresh MQTT cluster recovers its epochs as designed, and says so in one line per node: no stream of
// "FAULT: rejected message … stale" or "deaf" lines on the terminal.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { provision, startBroker, until } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'launchbay-recovery-'));
const started: ChildProcess[] = [];
afterAll(async () => {
  // The nodes save their world as they quit: the folder is removed once they have.
  await Promise.all(started.map((c) => new Promise((resolve) => {
    if (c.exitCode !== null) return resolve(undefined);
    c.once('exit', resolve);
    c.kill('SIGTERM');
    // A node slow to quit (a loaded machine) is killed, within the hook's own time.
    setTimeout(() => { c.kill('SIGKILL'); resolve(undefined); }, 10_000).unref();
  })));
  rmSync(dir, { recursive: true, force: true });
}, 20_000);

describe('a fresh cluster, as its terminals show it', () => {
  it('prints one "bus: recovered as designed" line per node, and no fault for the recovery', async () => {
    const broker = await startBroker(dir);
    started.push(broker.process);
    const nodes = ['bridge', 'bay'];
    provision(nodes.map((n) => `sim-${n}`), join(dir, 'keys'));
    const lines: { [node: string]: string[] } = {};
    for (const node of nodes) {
      // No state folder yet: each boots without its epoch record, deaf until its peer shows its epoch.
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', '--board', `sim-${node}`, '--broker', `mqtt://127.0.0.1:${broker.port}`,
        '--keys', join(dir, 'keys', `${node}.json`), '--state-dir', join(dir, 'state'), '--speed', '4', '--audit-log', join(dir, `audit-${node}.jsonl`)], { stdio: ['pipe', 'pipe', 'inherit'] });
      started.push(child);
      lines[node] = [];
      createInterface({ input: child.stdout! }).on('line', (l) => lines[node]!.push(l));
    }
    const recovered = () => nodes.every((n) => lines[n]!.some((l) => l.startsWith('bus: recovered as designed: no epoch record at boot')));
    await until('both nodes to say they recovered', recovered, 90_000).catch((e: Error) => { throw new Error(`${e.message}:\n${JSON.stringify(lines, null, 1).slice(0, 3000)}`); });
    for (const node of nodes) {
      expect(lines[node]!.filter((l) => /FAULT: (epoch:|rejected message from \S+: stale)/.test(l)), node).toEqual([]);
      expect(lines[node]!.filter((l) => l.startsWith('bus: recovered')), node).toHaveLength(1);
    }
  }, 120_000);
});
