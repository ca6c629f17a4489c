// `npm run mixed-cluster`: the firmware as a real node beside host nodes, on loopback. The bay's image (boards/
// sim-bay.json, built by the Moddable SDK for `lin`) runs in mcsim under Xvfb and joins a real mosquitto; the bridge
// and the four airlocks run as `npm run node` processes. It waits until the bridge hears the bay, opens airlock B's
// outer door, then orders a red alert and follows it until the deck claims ready on the bay's evidence.
// Needs $MODDABLE (the SDK's tools and mcsim), xvfb-run and mosquitto; it ends only the processes it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { moddableMissing } from './lib/mcconfig';
import { repoRoot } from '../boards/load';
import { sdkTools, SDK_TESTED } from './lib/mcconfig';
import { writeLogs, type ProcessLines } from './lib/process-logs';

const usage = `usage: npm run mixed-cluster -- [--json] [--timeout <s>] [--keep]
  --json         print the summary as one JSON object (last line)
  --timeout <s>  give up on the red alert after this many seconds (default 300)
  --keep         keep the scratch folder (build, keys, node state, and logs/<process>.log: every line each
                 process printed, beside each host node's audit log, logs/audit-<node>.jsonl) and say where it is
Exit 0 when the red alert is carried with no violation and no rejection, 1 when not (or the Moddable SDK,
xvfb-run or mosquitto is missing), 2 on a bad option.`;

interface Line { atMs: number; node: string; machine: string; from?: string; to?: string; event?: string; detail?: string; kind: string }
interface Proc extends ProcessLines { child: ChildProcess; lines: string[] }

const HOST_NODES = ['bridge', 'airlock-a', 'airlock-b', 'airlock-c', 'airlock-d'];
const started = Date.now();
const now = () => Date.now() - started;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

function start(name: string, command: string, args: string[], onLine: (line: string) => void, group = false): Proc {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], detached: group });
  const p: Proc = { name, child, lines: [] };
  const take = (line: string) => { p.lines.push(line); onLine(line); };
  createInterface({ input: child.stdout! }).on('line', take);
  createInterface({ input: child.stderr! }).on('line', (l) => p.lines.push(`stderr: ${l}`));
  return p;
}

/** Ends a process we started (its group, for mcsim under xvfb-run and timeout), and only it. */
function end(p: Proc, group: boolean): void {
  if (p.child.exitCode !== null || p.child.pid === undefined) return;
  try { if (group) process.kill(-p.child.pid, 'SIGTERM'); else p.child.kill('SIGTERM'); } catch { /* gone */ }
}

function findFile(dir: string, name: string): string | undefined {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isFile() && e.name === name) return path;
    if (e.isDirectory()) { const f = findFile(path, name); if (f) return f; }
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  let json = false, keep = false, timeoutS = 300;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--keep') keep = true;
    else if (argv[i] === '--timeout' && Number(argv[i + 1]) > 0) timeoutS = Number(argv[++i]);
    else if (argv[i] === '--help') { console.log(usage); return 0; }
    else { console.error(`mixed-cluster: unknown option ${argv[i]}\n${usage}`); return 2; }
  }
  const missing = moddableMissing() ?? (spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0 ? undefined : 'mosquitto is not installed (apt-get install mosquitto)');
  if (missing) { console.error(`mixed-cluster: ${missing}`); return 1; }
  const say = (text: string) => { if (!json) console.log(`[${(now() / 1000).toFixed(1)} s] ${text}`); };

  const scratch = mkdtempSync(join(tmpdir(), 'launchbay-mixed-'));
  const procs: { p: Proc; group: boolean }[] = [];
  // Interrupted: end what it started, then go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const { p, group } of procs) end(p, group);
      if (keep) console.error(`scratch kept in ${scratch}; logs in ${writeLogs(scratch, procs.map(({ p }) => p))}`); else rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const timeline: Line[] = [];
  const violations: unknown[] = [];
  const status: { [node: string]: any } = {};
  const tsx = (script: string, args: string[]): [string, string[]] => [process.execPath, ['--import', 'tsx', script, ...args]];
  try {
    const port = await freePort();
    const keys = join(scratch, 'keys');
    const k = spawnSync(...tsx('scripts/keys.ts', ['--boards', ['sim-bay', ...HOST_NODES.map((n) => `sim-${n}`)].join(','), '--out', keys]), { cwd: repoRoot, encoding: 'utf8' });
    if (k.status !== 0) throw new Error(`npm run keys failed: ${k.stderr}`);
    say(`keys for bay and ${HOST_NODES.join(', ')} in ${keys}`);

    const mosquitto = start('mosquitto', 'mosquitto', ['-p', String(port)], () => {});
    procs.push({ p: mosquitto, group: false });
    say(`mosquitto on 127.0.0.1:${port} (pid ${mosquitto.child.pid})`);

    const out = join(scratch, 'sim-bay');
    const buildStarted = now();
    say('building boards/sim-bay.json for lin with the Moddable SDK (npm run build:firmware) ...');
    const b = spawnSync(...tsx('scripts/build-firmware.ts', ['--board', 'sim-bay', '--keys', join(keys, 'bay.json'), '--broker', `127.0.0.1:${port}`, '--out', out]),
      { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (b.status !== 0) throw new Error(`the bay's image did not build:\n${(b.stdout + b.stderr).slice(-3000)}`);
    const buildSeconds = (now() - buildStarted) / 1000;
    const mcso = findFile(join(out, 'bin'), 'mc.so');
    if (!mcso) throw new Error(`no mc.so under ${out}/bin`);
    say(`built in ${buildSeconds.toFixed(0)} s: ${mcso}`);

    const take = (node: string) => (line: string) => {
      let m: any;
      try { m = JSON.parse(line); } catch { return; }
      const r = node === 'bay' ? m : m.report;
      if (m.status) status[node] = m.status;
      if (m.violation) violations.push({ node, ...m.violation });
      if (m.bus) say(`bay (mcsim): ${m.bus}`);
      if (m.error) say(`${node}: ERROR ${m.error}`);
      if (r && typeof r === 'object' && typeof r.kind === 'string' && typeof r.machine === 'string') {
        timeline.push({ atMs: now(), node, kind: r.kind, machine: r.machine, from: r.from, to: r.to, event: r.event, detail: r.detail });
        if (r.kind === 'transition') say(`${node.padEnd(9)} ${r.machine}: ${r.from} -> ${r.to} (${r.event})`);
        else if (r.kind === 'fault' || r.kind === 'veto' || r.kind === 'refused') say(`${node.padEnd(9)} ${r.kind} ${r.machine}: ${r.detail ?? r.reason ?? ''}`);
      }
    };
    const mcsim = start('bay', 'timeout', [String(timeoutS + 120), 'xvfb-run', '-a', 'stdbuf', '-o0', join(sdkTools(process.env.MODDABLE!), 'mcsim'), mcso], take('bay'), true);
    procs.push({ p: mcsim, group: true });
    say(`bay: the firmware on mcsim (pid ${mcsim.child.pid})`);
    // The host nodes boot as provisioned boards do (epoch record 0: a first boot, not a lost record).
    for (const node of HOST_NODES) { mkdirSync(join(scratch, 'state', node), { recursive: true }); writeFileSync(join(scratch, 'state', node, 'epoch'), '0'); }
    const hosts = Object.fromEntries(HOST_NODES.map((node) => {
      const p = start(node, ...tsx('scripts/node.ts', ['--board', `sim-${node}`, '--broker', `mqtt://127.0.0.1:${port}`, '--keys', join(keys, `${node}.json`), '--state-dir', join(scratch, 'state'), '--audit-log', join(scratch, 'logs', `audit-${node}.jsonl`), '--json']), take(node));
      procs.push({ p, group: false });
      return [node, p];
    }));
    const control = (node: string, c: object) => hosts[node]!.child.stdin!.write(`${JSON.stringify(c)}\n`);
    const deadline = started + buildSeconds * 1000 + timeoutS * 1000;
    const waitFor = async (what: string, ok: () => boolean) => {
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the bay's console ended with:\n${mcsim.lines.slice(-10).join('\n')}`);
        if (mcsim.child.exitCode !== null) throw new Error(`mcsim ended (exit ${mcsim.child.exitCode}): ${mcsim.lines.slice(-20).join('\n')}`);
        await sleep(200);
      }
    };
    const deck = () => status.bridge?.machines?.['battle deck']?.state;
    const settled = () => deck() === 'relaxed' && status.bridge?.replicas?.['bay environment'] === 'friendly' && status.bridge?.replicas?.['bay door'] === 'closed';
    // Settled for two seconds: at boot the deck re-settles once (requirement lost) until it has fresh evidence.
    let since = Infinity;
    await waitFor('the bridge to hear the bay and settle relaxed', () => { if (!settled()) since = Infinity; else since = Math.min(since, now()); return now() - since > 2000; });
    say('the bridge hears the bay: deck relaxed, bay friendly, door E closed');
    control('airlock-b', { press: 'airlock B button 2' });
    await waitFor('airlock B to open its outer door', () => status['airlock-b']?.machines?.['airlock B']?.state === 'outer open friendly');
    const alertAt = now();
    say('RED ALERT: the bridge requests ready');
    control('bridge', { request: 'ready' });
    await waitFor('the deck to claim ready', () => deck() === 'ready');
    const readyAfterS = (now() - alertAt) / 1000;
    say(`the deck is ready ${readyAfterS.toFixed(1)} s after the red alert`);
    await sleep(1500);
    // Every rejection a node reports (a bad MAC, a replay, a stale message bound to an old epoch). Messages bound to
    // epoch 0, sent before their sender had heard a booting node, are counted by the link but not reported: every
    // boot has some, and they are shown apart.
    const rejected = Object.fromEntries(['bay', ...HOST_NODES].map((node) => [node, timeline.filter((l) => l.node === node && /rejected message/.test(l.detail ?? '')).length]));
    const unheardAtBoot = Object.fromEntries(Object.entries(status).map(([node, st]) => [node, Number(st.rejected?.stale ?? 0)]));
    const summary = {
      sdk: SDK_TESTED, port, buildSeconds, readyAfterS,
      airlockB: status['airlock-b']?.machines?.['airlock B']?.state,
      rejected, unheardAtBoot, violations,
      timeline: timeline.filter((l) => l.atMs >= alertAt - 2000).map((l) => ({ ...l, atS: Math.round((l.atMs - alertAt) / 100) / 10 })),
    };
    const ok = violations.length === 0 && Object.values(rejected).every((n) => n === 0);
    if (json) console.log(JSON.stringify({ ok, ...summary }));
    else say(ok ? `no invariant violated, no message rejected (boot messages not yet bound to a new epoch: ${JSON.stringify(unheardAtBoot)})` : `PROBLEMS: ${JSON.stringify({ violations, rejected })}`);
    return ok ? 0 : 1;
  } catch (e) {
    console.error(`mixed-cluster: ${(e as Error).message}`);
    return 1;
  } finally {
    for (const { p, group } of procs.reverse()) end(p, group);
    if (keep) console.error(`scratch kept in ${scratch}; each process's output in ${writeLogs(scratch, procs.map(({ p }) => p))}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
