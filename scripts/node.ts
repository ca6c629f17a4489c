// `npm run node -- --board <name> --broker mqtt://host:port`: one node of the launch bay on the host, on simulated
// hardware in real time, talking to the others over MQTT or a serial line. `--help` lists every option and the
// control lines it reads on stdin (also in the README).
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Board } from '../firmware/board/types';
import { startNode, type Transport } from '../firmware/net/node';
import { checkProvision, type Provision } from '../firmware/net/provision';
import { createSerialTransport } from '../firmware/net/serial-transport';
import type { Device } from '../hal/types';
import { openSerialPort, serialClassOn } from '../hal/providers/host-serial';
import { createMqttTransport, fileStateStore, nodeHmac, nodeNonce } from './lib/node-net';
import { createSimulatorDevice } from '../sim/provider';
import { VirtualClock } from '../sim/clock';
import { InvariantMonitor } from '../sim/invariants';
import { LaunchBayModel } from '../sim/physics/model';
import { worldOptions, worldRecord } from '../sim/physics/persist';
import { runInRealTime } from '../sim/realtime';
import { formatReport } from '../views/terminal/timeline';
import { pressButton } from '../sim/world';
import { loadBoard } from './lib/board-file';
import { parseNodeArgs, usage, type NodeCli } from './lib/node-options';
import { readSmallFile } from './lib/small-file';
import { answerControl, type ControlTarget, type HardwareFault } from './lib/node-control';
import { BusRecovery } from './lib/bus-recovery';
import { AuditFile, auditPathProblem } from '../views/audit/jsonl-log';

/** A provisioning file holds a node's pair keys and the directory: a few KB; far past that it is no provisioning. */
const PROVISION_MAX_BYTES = 256 * 1024;

const refuse = (message: string) => { console.error(`node: ${message}\n\n${usage}`); return 2; };

/** Its provisioning file, checked: a missing or broken one names the file and field. */
function provisioning(cli: NodeCli, node: string): Provision {
  const file = cli.keys ?? `keys/${node}.json`;
  let text: string;
  try { text = readSmallFile(file, PROVISION_MAX_BYTES); } catch (e) { throw new Error(`--keys: cannot read ${file} (${(e as Error).message}); provision it with npm run keys`); }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (e) { throw new Error(`${file}: not JSON (${(e as Error).message})`); }
  return checkProvision(parsed, node, file);
}

async function connect(cli: NodeCli, node: string, out: (line: object | string) => void): Promise<(Transport & { close(): Promise<void> | void; bad(): number }) | string> {
  if (cli.serial !== undefined) {
    let port;
    try { port = await openSerialPort(cli.serial, cli.baud); } catch (e) { return `cannot open ${cli.serial} (${(e as Error).message})`; }
    const t = createSerialTransport({ io: { Serial: serialClassOn(port) } } as unknown as Device, { receive: 0, transmit: 0, baud: cli.baud, port: 0 });
    return { ...t, onMessage: t.onMessage, send: t.send, close: t.close, bad: () => t.badFrames };
  }
  const t = createMqttTransport({
    url: cli.broker!, node, onError: (e) => out(cli.json ? { error: e.message } : `mqtt: ${e.message}`),
    onBadPayload: (detail) => out(cli.json ? { dropped: detail } : `dropped: ${detail}`),
  });
  const connected = await Promise.race([t.ready.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!connected) { await t.close(); return `the broker ${cli.broker} did not answer within 5 s`; }
  return { send: t.send, onMessage: t.onMessage, close: t.close, bad: () => t.badPayloads };
}

/** Carries out a fault line on the simulated hardware (the line was checked against this node's board). */
function injectFault(model: LaunchBayModel, f: HardwareFault): void {
  if ('leak' in f) model.bay.leakKpaPerS = f.leak;
  else if ('jam' in f) model.door(f.jam).jammed = true;
  else if ('unjam' in f) model.door(f.unjam).jammed = false;
  else if ('sensorFault' in f) model.sensorFaults[f.sensorFault] = f.outOfRange ? { kind: 'out of range' } : { kind: 'stuck', value: f.stuck! };
  else if ('clearSensorFault' in f) model.sensorFaults[f.clearSensorFault] = undefined;
  else {
    const place = 'pumpDead' in f ? f.pumpDead : f.pumpRevived;
    if (place === 'bay') model.bay.pumpDead = 'pumpDead' in f; else model.airlocks[place.slice(-1) as 'A'].pumpDead = 'pumpDead' in f;
  }
}

/** The simulated world this process keeps: restored from its last run (docs/PROTOCOL.md). */
function world(dir: string): { model: LaunchBayModel; save(): void } {
  const store = fileStateStore(dir, { durable: false }); // a simulation's convenience, not the node's state
  let record: unknown;
  try { record = JSON.parse(store.get('world.json') ?? 'null'); } catch { record = null; }
  const model = new LaunchBayModel(record ? worldOptions(record) : {});
  return { model, save: () => { try { store.put('world.json', JSON.stringify(worldRecord(model))); } catch { /* the next save retries */ } } };
}

async function main(): Promise<number> {
  let cli: NodeCli, board: Board, prov: Provision;
  try { cli = parseNodeArgs(process.argv.slice(2)); } catch (e) { return refuse((e as Error).message); }
  if (cli.help) { console.log(usage); return 0; }
  try { board = loadBoard(cli.board); } catch (e) { return refuse((e as Error).message); }
  const name = board.node ?? board.name;
  // The report period is the deployment's: the board file's unless --heartbeat says otherwise.
  if (!cli.heartbeatGiven && board.transport?.heartbeatMs !== undefined) cli.heartbeatMs = board.transport.heartbeatMs;
  if (cli.broker === undefined && cli.serial === undefined) {
    if (board.transport?.kind !== 'mqtt') return refuse(`boards/${board.name}.json names no MQTT transport: give --broker or --serial`);
    cli.broker = `mqtt://${board.transport.host}:${board.transport.port}`;
  }
  try { prov = provisioning(cli, name); } catch (e) { return refuse((e as Error).message); }
  const out = (line: object | string) => console.log(typeof line === 'string' ? line : JSON.stringify(line));
  // The audit log is checked before the broker is tried: a path that can never be written is a bad option, at once.
  const auditLog = cli.auditLog ?? `logs/audit-${name}.jsonl`;
  const auditProblem = auditPathProblem(auditLog);
  if (auditProblem) return refuse(`--audit-log ${auditLog}: cannot write it (${auditProblem})`);

  const transport = await connect(cli, name, out);
  if (typeof transport === 'string') return refuse(transport);
  const clock = new VirtualClock();
  const dir = join(cli.stateDir, name);
  const { model, save } = world(dir);
  const device = createSimulatorDevice({ board, model, clock });
  // Every report and every control line, stamped with this node's name; a disk that fills later is said, not fatal.
  const audit = new AuditFile({ path: auditLog, node: name, onError: (e) => out(cli.json ? { error: `audit log: ${e.message}` } : `audit log: ${e.message} (entries are being dropped)`) });
  audit.startRun({ board: board.name, speed: cli.speed, command: ['npm run node --', ...process.argv.slice(2)].join(' ') });
  const recovery = new BusRecovery(name);
  const sayRecovery = (line: string | undefined) => {
    if (line) out(cli.json ? { recovery: line, stale: Object.fromEntries(recovery.staleFrom) } : line);
  };
  const node = startNode({
    board, device, clock, transport, keys: prov.keys, directory: prov.directory, store: fileStateStore(dir),
    hmac: nodeHmac, nonce: nodeNonce, heartbeatMs: cli.heartbeatMs,
    onReport: (r) => {
      // The bus recovering as designed is counted and summed up in one line, not shown as faults; JSON keeps every
      // report for the programs that read it, marked as expected.
      const expected = recovery.take(r);
      audit.append(r, expected ? { expected: 'recovery' } : undefined);
      if (cli.json) out(expected ? { report: r, expected: 'recovery' } : { report: r });
      else if (!expected) out(formatReport(r));
      if (expected) sayRecovery(recovery.due(r.t));
    },
  });
  // One physical bay, several processes: a node without the environment mirrors the bay's reported pressure,
  // so its chambers join a bay that behaves like the real one.
  const mirrorBay = !board.hosts.includes('bay environment');
  const invariants = new InvariantMonitor(model, () => node.controller, () => clock.now());
  clock.set(() => {
    if (mirrorBay) { const kPa = node.replicas.fact('bay kPa'); if (Number.isFinite(kPa)) model.bay.kPa = kPa; }
    model.step(50); device.scan(); invariants.check();
    for (const v of invariants.violations.splice(0)) out(cli.json ? { violation: v } : `INVARIANT ${v.invariant} VIOLATED: ${v.detail}`);
  }, 50, 50);
  // The world is saved every virtual second: a restarted process finds the bay within a second of how it was.
  const saver = clock.set(() => { save(); sayRecovery(recovery.due(clock.now())); }, 1000, 1000);
  const time = runInRealTime(clock, cli.speed);
  const status = () => out({ status: {
    node: name, epoch: node.link.epoch, recovering: node.link.recovering, t: clock.now(), started: node.controller.started,
    machines: Object.fromEntries(Object.entries(node.controller.machines).map(([id, m]) => [id, { state: m!.state, goal: m!.goal }])),
    replicas: Object.fromEntries(node.replicas.machines().map((id) => [id, node.replicas.state(id) ?? null])),
    accepted: node.link.accepted, rejected: node.link.rejected, badTransport: transport.bad(),
  } });
  if (cli.json) setInterval(status, 200);

  const target: ControlTarget = {
    board, node: name, directory: prov.directory, status,
    press: (signal, ms) => pressButton(model, clock, signal, ms),
    send: (machine, event) => node.controller.send(machine, event),
    stateOf: (machine) => node.controller.machines[machine]?.state,
    inject: (f) => injectFault(model, f),
  };
  // Every line gets an answer: what was done, or why not (and which node hosts what is not here).
  createInterface({ input: process.stdin }).on('line', (line) => {
    const a = answerControl(target, line);
    audit.operator({ t: clock.now(), source: `stdin of node ${name}`, input: line.slice(0, 500), answer: a.message, ok: a.ok });
    if (a.printed) return;
    out(cli.json ? (a.ok ? { done: a.message } : { error: `control: ${a.message}` }) : `${a.ok ? 'done' : 'control'}: ${a.message}`);
  });
  const quit = async () => { sayRecovery(recovery.summary()); time.stop(); clock.clear(saver); save(); node.stop(); await transport.close(); process.exit(0); };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  if (!cli.json) out(`node ${name} (epoch ${node.link.epoch}) on ${cli.broker ?? cli.serial}: hosts ${board.hosts.join(', ')}`);
  return -1;
}

main().then((code) => { if (code >= 0) process.exit(code); });
