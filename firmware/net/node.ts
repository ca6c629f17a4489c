// A node: one board's controller on the bus. It reports its machines on change and every heartbeat, keeps fresh
// replicas of the others, forwards commands to where machines live, and gives the deck its evidence.
import type { AirlockLetter, MachineId } from '../board/signals';
import type { Board } from '../board/types';
import { startController, type Controller, type ControllerOptions } from '../controller';
import type { CommandBody, Envelope, ReportBody } from './envelope';
import type { HmacSha256 } from './hmac';
import { Link } from './link';
import { Replicas } from './replicas';

/** Carries sealed text between nodes; `to` lets a transport route (MQTT topics), `*` is everyone. */
export interface Transport {
  send(to: string, text: string): void;
  onMessage(handler: (text: string) => void): void;
}

export interface NodeOptions extends Omit<ControllerOptions, 'remote' | 'ready' | 'hooks'> {
  transport: Transport;
  keyring: { [node: string]: string };
  /** This boot's epoch: the persisted boot count, incremented before the node starts. */
  epoch: number;
  hmac: HmacSha256;
  /** Heartbeat period T, ms (default 1000); a replica is fresh for 3T. */
  heartbeatMs?: number;
  /** Which node hosts each machine, from the deployment's board files; else learned from reports. */
  directory?: { [machine: string]: string };
}

export interface Node {
  readonly name: string;
  readonly controller: Controller;
  readonly link: Link;
  readonly replicas: Replicas;
  stop(): void;
}

const nodeName = (board: Board) => board.node ?? board.name;

export function startNode(o: NodeOptions): Node {
  const { board, clock } = o;
  const name = nodeName(board), T = o.heartbeatMs ?? 1000;
  const report = o.onReport ?? (() => {});
  const link = new Link({
    node: name, keyring: o.keyring, epoch: o.epoch, hmac: o.hmac, now: () => clock.now(),
    onReject: (reason, from, detail) => report({ t: clock.now(), kind: 'fault', machine: name, detail: `rejected message from ${from}: ${reason} (${detail})` }),
  });
  const replicas = new Replicas(() => clock.now(), 3 * T);
  const hostsDeck = board.hosts.includes('battle deck');
  const SETTLED: { [state: string]: boolean } = { active: true, ready: true, relaxed: true };
  // The bridge's announcement of its latest deck transition; at boot, its first message: whatever the others
  // report after hearing this boot is evidence.
  let mark: [number, number] = [o.epoch, 1];
  const seen: { [id: string]: string | undefined } = {};
  let controller: Controller | undefined;

  const command = (id: string, body: CommandBody) => {
    const host = o.directory?.[id] ?? replicas.hostOf(id);
    if (host) o.transport.send(host, link.seal(host, 'command', body));
    else report({ t: clock.now(), kind: 'fault', machine: name, detail: `no known node hosts ${id}: command dropped` });
  };
  const publish = () => {
    if (!controller) return;
    const machines: ReportBody['machines'] = {};
    for (const id of board.hosts) { const m = controller.machines[id]!; machines[id] = m.goal === undefined ? { state: m.state } : { state: m.state, goal: m.goal }; }
    o.transport.send('*', link.seal('*', 'report', { machines, facts: facts(), heard: { ...link.heard } }));
  };
  const facts = (): ReportBody['facts'] => {
    const f: ReportBody['facts'] = {};
    const env = controller?.system.machines['bay environment'];
    if (env) f['bay kPa'] = controller!.facts.bayKpa();
    return f;
  };

  // The deck's evidence: door E's and the environment's states, from fresh reports sent after the deck's own
  // announcement of its latest transition (their `heard` of this node covers `mark`).
  const refreshEvidence = () => {
    if (!hostsDeck || !controller) return;
    const memory = controller.system.coordination.memory;
    const after = (id: MachineId) => {
      const r = replicas.reportOf(id), h = r?.heard[name];
      return r && h && (h[0] > mark[0] || (h[0] === mark[0] && h[1] >= mark[1])) ? replicas.state(id) : undefined;
    };
    memory.evidence.bayDoor = controller.system.machines['bay door']?.state ?? after('bay door');
    memory.evidence.bayEnvironment = controller.system.machines['bay environment']?.state ?? after('bay environment');
  };

  // Changes of what this node sees elsewhere: evidence for the deck, rule 4 for its airlocks.
  const observe = () => {
    if (!controller?.started) return;
    for (const id of replicas.machines()) {
      const now = replicas.state(id);
      if (seen[id] === now) continue;
      const before = seen[id];
      seen[id] = now;
      if (id === 'bay environment') {
        for (const l of ['A', 'B', 'C', 'D'] as AirlockLetter[]) {
          if (board.hosts.includes(`airlock ${l}`)) controller.system.coordination.bayChanged(l, before, now);
        }
      }
    }
    refreshEvidence();
    if (hostsDeck) controller.system.coordination.drive();
  };

  const receive = (text: string) => {
    const e = link.open(text);
    if (!e || !controller) return;
    if (e.kind === 'report') { replicas.take(e.from, e.body as ReportBody); observe(); return; }
    deliver(e);
  };
  const deliver = (e: Envelope) => {
    const body = e.body as CommandBody;
    if ('recall' in body) { if (board.hosts.includes(`airlock ${body.recall}` as MachineId)) controller!.system.coordination.recall(body.recall as AirlockLetter); return; }
    const id = body.machine as MachineId;
    if (board.hosts.includes(id)) controller!.send(id, body.event);
  };

  controller = startController({
    ...o,
    bootTimeoutMs: o.bootTimeoutMs ?? 3 * T,
    // The bridge waits for fresh reports of door E and the environment before inferring its own state.
    ready: () => !hostsDeck || board.hosts.includes('bay door') || (replicas.state('bay door') !== undefined && replicas.state('bay environment') !== undefined),
    remote: {
      state: (id) => replicas.state(id), goal: (id) => replicas.goal(id), fact: (n) => replicas.fact(n),
      send: (id, event) => command(id, { machine: id, event }),
      recall: (l) => command(`airlock ${l}`, { recall: l }),
    },
    hooks: Object.fromEntries(board.hosts.map((id) => [id, {
      // Report every change at once; on the bridge, a deck transition toward a goal (a request, or settling again
      // after a lost requirement) first marks the point after which evidence counts. Reaching the goal does not:
      // the evidence that proved it still stands, and the settled deck keeps watching it.
      post: [(t) => {
        if (id === 'battle deck' && !SETTLED[t.to]) { mark = [link.epoch, link.nextSeq]; refreshEvidence(); }
        publish();
      }],
    }])),
  });
  o.transport.onMessage(receive);
  const beat = clock.set(() => { publish(); observe(); }, T, T);
  // Staleness has no message to announce it: look again between heartbeats.
  const look = clock.set(observe, T / 4, T / 4);
  publish();

  return {
    name, controller, link, replicas,
    stop() { clock.clear(beat); clock.clear(look); controller!.stop(); },
  };
}
