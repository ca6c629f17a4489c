// `npm run node -- --board <name> --broker mqtt://host:port`: one node of the launch bay on the host, on simulated
// hardware in real time, talking to the others over MQTT. Control lines on stdin (JSON): {"press": "airlock B
// button 2"}, {"request": "ready"}, {"reset": "bay door"}. With --json, it prints reports and status as JSON lines.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import type { MachineId } from '../firmware/board/signals';
import { startNode } from '../firmware/net/node';
import { createMqttTransport, nextEpoch, nodeHmac } from '../hal/providers/node-net';
import { createSimulatorDevice } from '../hal/providers/simulator';
import { VirtualClock } from '../sim/clock';
import { InvariantMonitor } from '../sim/invariants';
import { runInRealTime } from '../sim/realtime';
import { formatReport } from '../sim/view/timeline';
import { pressButton, startingPoint } from '../sim/world';
import { listBoards, loadBoard } from './lib/board-file';

const usage = 'usage: npm run node -- --board <name> --broker mqtt://host:port [--keys keys/keyring.json] [--state-dir .state] [--speed N] [--heartbeat MS] [--json]';

function args() {
  const o: { [k: string]: string } = {}, flags = new Set<string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json' || argv[i] === '--help') flags.add(argv[i]);
    else if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[++i];
    else throw new Error(`unexpected ${argv[i]}`);
  }
  return { o, flags };
}

async function main(): Promise<number> {
  let a;
  try { a = args(); } catch (e) { console.error(`node: ${(e as Error).message}\n${usage}`); return 2; }
  if (a.flags.has('--help')) { console.log(usage); return 0; }
  const { o } = a, json = a.flags.has('--json');
  if (!o.board || !o.broker) { console.error(usage); return 2; }
  const board = loadBoard(o.board), name = board.node ?? board.name;
  let keyring: { [node: string]: string };
  try { keyring = JSON.parse(readFileSync(o.keys ?? 'keys/keyring.json', 'utf8')); } catch (e) {
    console.error(`node: cannot read the keyring ${o.keys ?? 'keys/keyring.json'} (${(e as Error).message}); provision it with npm run keys`); return 2;
  }
  if (!keyring[name]) { console.error(`node: the keyring has no key for node "${name}"`); return 2; }
  const out = (line: object | string) => console.log(typeof line === 'string' ? line : JSON.stringify(line));

  const transport = createMqttTransport({ url: o.broker, node: name, onError: (e) => out(json ? { error: e.message } : `mqtt: ${e.message}`) });
  const connected = await Promise.race([transport.ready.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!connected) { console.error(`node: the broker ${o.broker} did not answer within 5 s`); await transport.close(); return 2; }

  const clock = new VirtualClock();
  const { model } = startingPoint({});
  const device = createSimulatorDevice({ board, model, clock });
  const epoch = nextEpoch(`${o['state-dir'] ?? '.state'}/${name}.epoch`);
  // The deployment: every board file naming a node says where its machines live.
  const directory = Object.fromEntries(listBoards().map((b) => loadBoard(b)).filter((b) => b.node).flatMap((b) => b.hosts.map((id) => [id, b.node!])));
  const node = startNode({
    directory,
    board, device, clock, transport, keyring, epoch, hmac: nodeHmac, heartbeatMs: Number(o.heartbeat ?? 1000),
    onReport: (r) => out(json ? { report: r } : formatReport(r)),
  });
  // One physical bay, several processes: a node without the environment mirrors the bay's reported pressure,
  // so its chambers join a bay that behaves like the real one.
  const mirrorBay = !board.hosts.includes('bay environment');
  const invariants = new InvariantMonitor(model, () => node.controller, () => clock.now());
  clock.set(() => {
    if (mirrorBay) { const kPa = node.replicas.fact('bay kPa'); if (Number.isFinite(kPa)) model.bay.kPa = kPa; }
    model.step(50); device.scan(); invariants.check();
    for (const v of invariants.violations.splice(0)) out(json ? { violation: v } : `INVARIANT ${v.invariant} VIOLATED: ${v.detail}`);
  }, 50, 50);
  const time = runInRealTime(clock, Number(o.speed ?? 1));
  const status = () => out({ status: {
    node: name, epoch, t: clock.now(), started: node.controller.started,
    machines: Object.fromEntries(Object.entries(node.controller.machines).map(([id, m]) => [id, { state: m!.state, goal: m!.goal }])),
    replicas: Object.fromEntries(node.replicas.machines().map((id) => [id, node.replicas.state(id) ?? null])),
    accepted: node.link.accepted, rejected: node.link.rejected,
  } });
  if (json) setInterval(status, 200);

  createInterface({ input: process.stdin }).on('line', (line) => {
    try {
      const c = JSON.parse(line);
      if (c.press) pressButton(model, clock, c.press, c.ms ?? 200);
      else if (c.request) node.controller.send('battle deck', `${c.request} requested`);
      else if (c.reset) node.controller.send(c.reset as MachineId, 'reset');
      else if (c.status) status();
    } catch (e) { out(json ? { error: `control: ${(e as Error).message}` } : `control: ${(e as Error).message}`); }
  });
  const quit = async () => { time.stop(); node.stop(); await transport.close(); process.exit(0); };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  if (!json) out(`node ${name} (epoch ${epoch}) on ${o.broker}: hosts ${board.hosts.join(', ')}`);
  return -1;
}

main().then((code) => { if (code >= 0) process.exit(code); });
