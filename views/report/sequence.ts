// Who told whom what, and when: the events machines send each other from their hooks, the events the inputs
// (buttons, sensors, timers, the operator) give them, and in a cluster the commands and state reports the nodes send
// over the bus; drawn as a sequence diagram (lifelines across, time down) for the scenario report.
import type { Controller } from '../../firmware/controller';
import type { SimCluster } from '../../sim/cluster';
import { esc } from './chart-svg';
import { formatTime } from '../terminal/timeline';
import type { Message } from '../../sim/scenario/run';
import type { SimWorld } from '../../sim/world';

/** The lifeline of what is not a machine's hook: buttons, sensors, deadlines, the operator, and the scan's watch (held-back goals resumed, lost requirements). @family (knip.jsonc) */
export const INPUTS = 'inputs and scan', BUS = 'bus (all nodes)';

type Stepper = { step(event: string): void };
type Dispatch = (target: Stepper, event: string) => void;

// Wraps one controller's dispatcher and machines (host-side instrumentation; nothing changes what they do): an
// event dispatched while a machine's step runs was sent by that machine's hooks; any other came from outside.
function instrument(controller: Controller, now: () => number, out: Message[], seen: WeakSet<object>): void {
  const dispatcher = controller.system.dispatcher as unknown as { dispatch: Dispatch; running: boolean };
  if (seen.has(dispatcher)) return;
  seen.add(dispatcher);
  const names = new Map<object, string>(), running: string[] = [];
  for (const [id, m] of Object.entries(controller.machines)) {
    if (!m) continue;
    names.set(m, id);
    const stepper = m as unknown as Stepper, step = stepper.step.bind(m);
    stepper.step = (event) => { running.push(id); try { step(event); } finally { running.pop(); } };
    // An event handled while nothing runs is handled at once, without the dispatcher's `dispatch` or the machine's
    // `step` (the engine's fast path): it came from outside, and what its hooks send comes from this machine.
    const handler = m as unknown as { handle(event: string): void }, handle = handler.handle.bind(m);
    handler.handle = (event) => {
      if (dispatcher.running) { handle(event); return; }
      out.push({ t: now(), from: INPUTS, to: id, what: event, via: 'input' });
      running.push(id);
      try { handle(event); } finally { running.pop(); }
    };
  }
  const dispatch = dispatcher.dispatch.bind(dispatcher);
  dispatcher.dispatch = (target, event) => {
    const sender = running[running.length - 1], to = names.get(target) ?? 'a machine';
    out.push({ t: now(), from: sender ?? INPUTS, to, what: event, via: sender ? 'hook' : 'input' });
    dispatch(target, event);
  };
}

/** Records the run's messages from now on; `messages()` returns them in time order. */
export function recordMessages(world: SimWorld): { messages(): Message[] } {
  const out: Message[] = [], seen = new WeakSet<object>(), now = () => world.clock.now();
  const cluster = 'bus' in world ? (world as SimCluster) : undefined;
  const controllers = (): Controller[] => cluster
    ? Object.values(cluster.nodes).flatMap((n) => (n ? [n.controller] : []))
    : world.powered ? [world.controller] : [];
  const look = () => { for (const c of controllers()) instrument(c, now, out, seen); };
  look();
  // After a reboot a new controller runs: it is found at the next physics step.
  world.clock.set(look, 50, 50);
  return { messages: () => merge(out, cluster ? busMessages(cluster) : []) };
}

interface Wire { from: string; kind: string; t: number; body?: { machines?: { [id: string]: { state?: string } }; recall?: string; machine?: string; event?: string } }

// The bus: every command, and every report that says a machine's state changed (heartbeats that repeat it are left out).
function busMessages(cluster: SimCluster): Message[] {
  const out: Message[] = [], last = new Map<string, string | undefined>();
  const machinesOf = new Map<string, string[]>();
  for (const m of cluster.bus.captured) {
    let e: Wire;
    try { e = JSON.parse(m.text) as Wire; } catch { continue; }
    if (e.kind === 'report') {
      for (const [id, v] of Object.entries(e.body?.machines ?? {})) {
        machinesOf.set(e.from, [...new Set([...(machinesOf.get(e.from) ?? []), id])]);
        if (last.has(id) && last.get(id) === v.state) continue;
        last.set(id, v.state);
        out.push({ t: e.t, from: id, to: BUS, what: `report: ${id} ${v.state ?? 'unknown'}`, via: 'bus' });
      }
    } else if (e.kind === 'command' && e.body) {
      const from = machinesOf.get(e.from)?.[0] ?? e.from;
      if (e.body.recall !== undefined) out.push({ t: e.t, from, to: `airlock ${e.body.recall}`, what: 'recall (ask open inner)', via: 'bus' });
      else if (e.body.machine && e.body.event) out.push({ t: e.t, from, to: e.body.machine, what: e.body.event, via: 'bus' });
    }
  }
  return out;
}

// A command that came over the bus reaches its machine as an outside event on its node: that delivery is the same
// message, so it is drawn once, as the bus arrow.
function merge(local: Message[], bus: Message[]): Message[] {
  const delivered = local.filter((m) => m.via !== 'input' || !bus.some((b) => b.to === m.to && m.t >= b.t && m.t - b.t <= 1000
    && (b.what === m.what || (b.what.startsWith('recall') && m.what === 'ask open inner'))));
  return [...delivered, ...bus].sort((a, b) => a.t - b.t);
}

const COL = 150, ROW = 22, TOP = 56, LEFT = 90, MAX_ROWS = 600;
const STROKE: { [via: string]: string } = { hook: '#1d4ed8', input: '#475569', bus: '#b45309' };

/** The sequence diagram as SVG text: a lifeline per machine (inputs first, the bus last), an arrow per message. */
export function sequenceSvg(messages: readonly Message[]): string {
  const order = (name: string) => (name === INPUTS ? 0 : name === BUS ? 3 : name === 'battle deck' ? 1 : 2);
  const lanes = [...new Set(messages.flatMap((m) => [m.from, m.to]))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const x = (lane: string) => LEFT + COL / 2 + lanes.indexOf(lane) * COL;
  const shown = messages.slice(0, MAX_ROWS), height = TOP + shown.length * ROW + 30, width = LEFT + lanes.length * COL;
  const parts = lanes.map((l) => `<g class="lifeline" data-lane="${esc(l)}"><text x="${x(l)}" y="20" text-anchor="middle" font-family="sans-serif" font-size="12" font-weight="bold">${esc(l)}</text>`
    + `<line x1="${x(l)}" x2="${x(l)}" y1="30" y2="${height - 10}" stroke="#cbd5e1" stroke-dasharray="4 3"/></g>`);
  shown.forEach((m, i) => {
    const y = TOP + i * ROW, x1 = x(m.from), x2 = x(m.to), colour = STROKE[m.via], dir = x2 >= x1 ? 1 : -1;
    const line = x1 === x2
      ? `<path d="M${x1},${y} h24 v8 h-24" fill="none" stroke="${colour}"/>`
      : `<line x1="${x1}" x2="${x2 - dir * 6}" y1="${y}" y2="${y}" stroke="${colour}"${m.via === 'bus' ? ' stroke-dasharray="6 3"' : ''}/><path d="M${x2},${y} l${-dir * 7},-4 v8 z" fill="${colour}"/>`;
    const label = `${m.what}${m.via === 'bus' ? ' (bus)' : ''}`;
    parts.push(`<g class="message" data-via="${m.via}" data-from="${esc(m.from)}" data-to="${esc(m.to)}"><title>${esc(`${formatTime(m.t)} ${m.from} → ${m.to}: ${label}`)}</title>`
      + `<text x="4" y="${y + 4}" font-family="monospace" font-size="10" fill="#475569">${formatTime(m.t, 1)}</text>${line}`
      + `<text x="${(x1 + x2) / 2 + (x1 === x2 ? 30 : 0)}" y="${y - 4}" text-anchor="${x1 === x2 ? 'start' : 'middle'}" font-family="sans-serif" font-size="10.5" fill="${colour}">${esc(label)}</text></g>`);
  });
  const more = messages.length > MAX_ROWS ? `<text x="4" y="${height - 8}" font-family="sans-serif" font-size="11">… ${messages.length - MAX_ROWS} more messages</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" class="sequence" role="img" aria-label="Sequence of messages between machines and nodes, time downwards">${parts.join('')}${more}</svg>`;
}
