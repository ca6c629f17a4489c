// A node: one board's controller on the bus. It reports its machines on change and every heartbeat, keeps fresh
// replicas of the others, forwards commands to where machines live, and gives the deck its evidence.
import { airlockLetters, type MachineId } from '../board/signals';
import type { Board } from '../board/types';
import { BAY_KPA, BAY_KPA_STILL, startController, type Controller, type ControllerOptions } from '../controller';
import type { CommandBody, Envelope, ReportBody } from './envelope';
import { authority } from './authority';
import type { HmacSha256 } from './hmac';
import { Link } from './link';
import { Replicas } from './replicas';
import type { NodeStateStore } from './state-store';

/** Carries sealed text between nodes; `to` lets a transport route (MQTT topics), `*` is everyone. */
export interface Transport {
  send(to: string, text: string): void;
  onMessage(handler: (text: string) => void): void;
}

export interface NodeOptions extends Omit<ControllerOptions, 'remote' | 'ready' | 'hooks'> {
  transport: Transport;
  /** The key this node shares with each peer, one per pair (its provisioning, docs/PROTOCOL.md). */
  keys: Map<string, string>;
  /** Where its epoch and replay windows survive a reboot. */
  store: NodeStateStore;
  hmac: HmacSha256;
  /** A fresh nonce for each challenge that proves this node's epoch: 16 random bytes from the platform's random
   * source as 32 hex digits (node:crypto's on the host, Moddable's `rng` on a board). */
  nonce(): string;
  /** A peer began a new epoch (it rebooted): told on its first fresh message, once per epoch. */
  onPeerRestart?(node: string): void;
  /** Heartbeat period T, ms (default 1000); a replica is fresh for 3T. */
  heartbeatMs?: number;
  /** Which node hosts each machine (its provisioning): where commands go, and who may report what. */
  directory: Map<string, string>;
}

export interface Node {
  readonly name: string;
  readonly controller: Controller;
  readonly link: Link;
  readonly replicas: Replicas;
  stop(): void;
}

/** A board's name on the bus: its `node`, else its name. */
export const nodeNameOf = (board: Board) => board.node ?? board.name;

/** Starts the node: `openNode`, then at once the controller it returns. */
export function startNode(o: NodeOptions): Node { return openNode(o)(); }

/**
 * A node in two steps: this opens its end of the bus (its link, whose first challenge goes out now, and its
 * replicas) and returns the second step, which starts its controller and listens. `startNode` takes both at once.
 * A board takes the second from a timer of its own (firmware/main.ts), at the bottom of the stack: made under
 * this frame, the controller's stations nested some 56 slots deeper, past a 256-slot stack (docs/BENCHMARKS.md).
 */
export function openNode(o: NodeOptions): () => Node {
  const { board, clock } = o;
  const name = nodeNameOf(board), T = o.heartbeatMs ?? 1000;
  const report = o.onReport ?? (() => {});
  const fault = (detail: string) => report({ t: clock.now(), kind: 'fault', machine: name, detail });
  const link = new Link({
    node: name, keys: o.keys, store: o.store, hmac: o.hmac, now: () => clock.now(), windowMs: 2 * T, authorize: authority(o.directory),
    send: (to, text) => o.transport.send(to, text), nonce: o.nonce,
    onReject: (reason, from, detail) => fault(`rejected message from ${from}: ${reason} (${detail})`),
    // A challenge not yet answered by most peers is expected while they boot too: a notice, not a fault.
    onNotice: (detail) => (detail.startsWith('epoch not proven: ')
      ? report({ t: clock.now(), kind: 'notice', machine: name, detail: `epoch: ${detail}` }) : fault(`epoch: ${detail}`)),
    // Proven and persisted (at boot, or moved while running): evidence must be heard again under it, and the
    // others told at once.
    onEpoch: (epoch) => { mark = [epoch, link.nextSeq]; publish(); sendHeld(); },
    onPeerRestart: (peer, epoch) => { peerRestarted(peer, epoch); o.onPeerRestart?.(peer); },
  });
  const replicas = new Replicas(() => clock.now(), 3 * T);
  const hostsDeck = board.hosts.includes('battle deck');
  const SETTLED: { [state: string]: boolean } = { active: true, ready: true, relaxed: true };
  // The bridge's announcement of its latest deck transition; at boot, its first message: whatever the others
  // report after hearing this boot is evidence.
  let mark: [number, number] = [link.epoch, 1];
  const seen = new Map<string, string | undefined>();
  let controller: Controller | undefined;

  // Nothing is said under an epoch not yet proven and persisted (a later boot could not tell it had been used): a
  // command this boot's controller gives meanwhile waits, the latest per machine, and goes out once the epoch is
  // proven if that is within 2T; an older one is dropped with a notice (the deck's drive gives it again if needed).
  const held = new Map<string, [CommandBody, number]>();
  const command = (id: string, body: CommandBody) => {
    const host = o.directory.get(id);
    if (!host) report({ t: clock.now(), kind: 'fault', machine: name, detail: `no known node hosts ${id}: command dropped` });
    else if (link.recovering) held.set(id, [body, clock.now()]);
    else o.transport.send(host, link.seal(host, 'command', body));
  };
  const sendHeld = () => {
    for (const [id, [body, at]] of held) {
      if (clock.now() - at <= 2 * T) command(id, body);
      // Expected when the boot's proof is slow (peers booting too): the drive gives it again, so a notice, not a fault.
      else report({ t: clock.now(), kind: 'notice', machine: name, detail: `${id}: command dropped: given ${(clock.now() - at) / 1000} s before this node's epoch was proven and stored` });
    }
    held.clear();
  };
  const publish = () => {
    // Silent until its epoch is proven and persisted: its peers see it as unknown meanwhile.
    if (!controller || link.recovering) return;
    const machines: ReportBody['machines'] = {};
    for (const id of board.hosts) {
      // A state not yet known is left out: peers read it as unknown, never as a default.
      const m = controller.machines[id]!, state = m.state;
      if (state !== undefined) machines[id] = m.goal === undefined ? { state } : { state, goal: m.goal };
    }
    o.transport.send('*', link.seal('*', 'report', { machines, facts: facts(), heard: link.heard }));
  };
  const facts = (): ReportBody['facts'] => {
    const f: ReportBody['facts'] = {};
    const env = controller?.system.machines['bay environment'];
    // An unknown reading (NaN before the first scan, a failed sensor) is left out: absent, not a number. So is one
    // that has not moved for a second: the peers' interlocks open doors on it (docs/COORDINATION.md). It goes with
    // how long it has stood still, so that a peer counts the report's age too.
    const kPa = env ? controller!.facts.bayKpaMoving!() : NaN;
    if (Number.isFinite(kPa)) { f[BAY_KPA] = kPa; f[BAY_KPA_STILL] = Math.ceil(controller!.facts.bayKpaStillMs!()); }
    return f;
  };

  // The deck's evidence: door E's and the environment's states, from fresh reports sent after the deck's own
  // announcement of its latest transition (their `heard` of this node covers `mark`).
  const refreshEvidence = () => {
    if (!hostsDeck || !controller) return;
    const memory = controller.system.coordination.memory;
    const after = (id: MachineId) => {
      const r = replicas.reportOf(id), h = r && Object.prototype.hasOwnProperty.call(r.heard, name) ? r.heard[name] : undefined;
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
      if (seen.get(id) === now) continue;
      const before = seen.get(id);
      seen.set(id, now);
      if (id === 'bay environment') {
        for (const l of airlockLetters) {
          if (board.hosts.includes(`airlock ${l}`)) controller.system.coordination.bayChanged(l, before, now);
        }
      }
    }
    refreshEvidence();
    if (hostsDeck) controller.system.coordination.drive();
  };

  // A peer that rebooted acts on no request from before its boot (issue 27): what it reported before is forgotten
  // (its machines read unknown until it reports afresh), and the deck lets its goal go when that peer hosts door E
  // or the environment, and waits for the bridge to ask again. Told by the link before the message is acted on.
  function peerRestarted(peer: string, epoch: number): void {
    replicas.forget(peer);
    report({ t: clock.now(), kind: 'notice', machine: name, detail: `node ${peer} restarted (epoch ${epoch}): it resumes no request from before its boot` });
    const drives = o.directory.get('bay door') === peer || o.directory.get('bay environment') === peer;
    const deck = controller?.system.machines['battle deck'];
    // Only a goal can be resumed: a deck that holds none (after its own boot) has nothing to let go.
    if (drives && deck && deck.goal !== undefined && deck.state !== undefined) controller!.send('battle deck', 'stand by');
  }

  // Link.open never throws; acting on an accepted message is guarded too, so no input ends the node.
  const receive = (text: string) => {
    const e = link.open(text);
    if (!e || !controller) return;
    try {
      if (e.kind === 'report') { replicas.take(e.from, e.body as ReportBody, e.t); observe(); return; }
      deliver(e);
    } catch (err) { fault(`acting on ${e.kind} ${e.epoch}/${e.seq} from ${e.from} failed: ${(err as Error).message}`); }
  };
  const deliver = (e: Envelope) => {
    const body = e.body as CommandBody;
    if ('recall' in body) {
      const l = airlockLetters.find((x) => x === body.recall);
      if (l && board.hosts.includes(`airlock ${l}`)) controller!.system.coordination.recall(l);
      return;
    }
    const id = body.machine as MachineId;
    if (board.hosts.includes(id)) controller!.send(id, body.event);
    else fault(`command for ${id}, which this node does not host: dropped`);
  };

  return () => {
    controller = startController({
      ...o,
      // Proving an epoch whose record was lost may take 2T more before anything heard is fresh.
      bootTimeoutMs: o.bootTimeoutMs ?? (link.lostRecord ? 5 : 3) * T,
      // The bridge waits for fresh reports of door E and the environment before inferring its own state.
      ready: () => !hostsDeck || board.hosts.includes('bay door') || (replicas.state('bay door') !== undefined && replicas.state('bay environment') !== undefined),
      remote: {
        state: (id) => replicas.state(id), goal: (id) => replicas.goal(id), fact: (n) => replicas.fact(n),
        factMoving: (n, still, withinMs) => replicas.factMoving(n, still, withinMs),
        send: (id, event) => command(id, { machine: id, event }),
        // Red alert reaches every airlock the deployment has; a letter no board hosts is no airlock at all.
        recall: (l) => { if (o.directory.has(`airlock ${l}`)) command(`airlock ${l}`, { recall: l }); },
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
    const beat = clock.set(() => { publish(); observe(); link.tick(); }, T, T);
    // Staleness has no message to announce it: look again between heartbeats.
    const look = clock.set(observe, T / 4, T / 4);
    publish();

    return {
      name, controller, link, replicas,
      stop() { clock.clear(beat); clock.clear(look); controller!.stop(); },
    };
  };
}
