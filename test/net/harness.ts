// Real processes for the multi-process tests: a mosquitto on loopback, one `npm run node` process per node (each
// behind a TCP proxy the test can cut), provisioning with `npm run keys`, and helpers to read their JSON lines.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ControllerReport } from '../../firmware/controller';

export interface Status {
  node: string; epoch: number; recovering: boolean; started: boolean; badTransport: number;
  machines: { [id: string]: { state: string; goal?: string } }; replicas: { [id: string]: string | null };
  rejected: { [r: string]: number }; accepted: number;
}
export interface Proc { child: ChildProcess; status?: Status; statuses: number; violations: unknown[]; reports: ControllerReport[]; exited?: number | null }

export const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
});

export async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forwards a node's broker connection; `partition` drops it and refuses new ones until `heal`. */
export class Proxy {
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

export async function startBroker(dir: string): Promise<{ port: number; process: ChildProcess }> {
  const found = spawnSync('mosquitto', ['-h']).error === undefined;
  if (!found) throw new Error('mosquitto is not installed (.ci/run installs it)');
  const port = await freePort();
  writeFileSync(join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmessage_size_limit 0\n`);
  const child = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  await until('mosquitto', () => spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]).status === 0, 5000);
  return { port, process: child };
}

/** `npm run keys` for these boards into `out`; returns each node's provisioning file. */
export function provision(boards: string[], out: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/keys.ts', '--boards', boards.join(','), '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run keys failed: ${r.stderr}`);
}

/** Starts `npm run node` with these arguments (plus --json) and follows its status, reports and violations. */
export function runNode(args: string[]): Proc {
  // Its audit log beside its state (the test's scratch folder), not in the checkout's logs/.
  const state = args[args.indexOf('--state-dir') + 1], board = args[args.indexOf('--board') + 1];
  const audit = !args.includes('--audit-log') && args.includes('--state-dir') ? ['--audit-log', join(state!, `audit-${board}.jsonl`)] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', ...args, ...audit, '--json'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const p: Proc = { child, statuses: 0, violations: [], reports: [] };
  child.on('exit', (code) => { p.exited = code; });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const m = JSON.parse(line);
      if (m.status) { p.status = m.status; p.statuses++; }
      if (m.violation) p.violations.push(m.violation);
      if (m.report) p.reports.push(m.report);
    } catch { /* not ours */ }
  });
  return p;
}

export const control = (p: Proc, c: object) => p.child.stdin!.write(`${JSON.stringify(c)}\n`);
/** Up: not exited, and still printing its status. */
export async function stillUp(p: Proc): Promise<boolean> {
  const n = p.statuses;
  await sleep(600);
  return p.exited === undefined && p.statuses > n;
}
export const totalRejected = (p: Proc) => Object.values(p.status?.rejected ?? {}).reduce((a, b) => a + b, 0);
export const logged = (p: Proc, pattern: RegExp) => p.reports.some((r) => (r.kind === 'fault' || r.kind === 'notice') && pattern.test(r.detail ?? ''));

/** The arguments of `npm run node` for one node of a mosquitto test, through its proxy to the broker. */
export const mqttNodeArgs = (node: string, port: number, keysDir: string, stateDir: string, speed: number): string[] =>
  ['--board', `sim-${node}`, '--broker', `mqtt://127.0.0.1:${port}`, '--keys', `${keysDir}/${node}.json`, '--state-dir', stateDir, '--speed', String(speed)];
