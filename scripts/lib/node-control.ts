// The control lines `npm run node` reads on stdin: every line gets an answer, and one for a button or machine
// that another node hosts says which node that is (from the provisioned directory). Faults are injected into this
// node's simulated hardware with the scenario format's words (docs/SCENARIOS.md): jam, leak, sensorFault, pumpDead…
import { machineIds, signalsOf, type MachineId } from '../../firmware/board/signals';
import type { Board } from '../../firmware/board/types';
import { stuckRefusal } from '../../sim/sensors';

export interface ControlTarget {
  board: Board;
  /** This node's name. */
  node: string;
  /** Which node hosts each machine (the provisioning's directory). */
  directory: ReadonlyMap<string, string>;
  press(signal: string, ms: number): void;
  send(machine: MachineId, event: string): void;
  /** The machine's state now, to say what a reset did. */
  stateOf(machine: MachineId): string | undefined;
  status(): void;
  /** Injects a fault into this node's simulated hardware (already checked against its board). */
  inject(fault: HardwareFault): void;
}

/** A fault of the simulated hardware, as a scenario step says it. */
export type HardwareFault =
  | { jam: string } | { unjam: string } | { leak: number }
  | { sensorFault: string; stuck?: number; outOfRange?: boolean } | { clearSensorFault: string }
  | { pumpDead: string } | { pumpRevived: string };

/** `printed`: the answer is already out (the status line itself). */
export interface ControlAnswer { ok: boolean; message: string; printed?: boolean }

const REQUESTS = ['ready', 'active', 'relaxed'];
const MACHINES = new Map<string, MachineId>(machineIds.map((id) => [id, id]));
/** The machine each input belongs to: `airlock B button 2` → airlock B, `deck ready request` → battle deck. */
const OWNER = new Map<string, MachineId>(machineIds.flatMap((id) => signalsOf(id).filter((s) => s.kind === 'input').map((s) => [s.name, id] as [string, MachineId])));

const done = (message: string): ControlAnswer => ({ ok: true, message });
const refused = (message: string): ControlAnswer => ({ ok: false, message });

/** Where a machine this node does not host lives, in words. */
function elsewhere(t: ControlTarget, machine: MachineId, what: string): ControlAnswer {
  const host = t.directory.get(machine);
  return refused(host
    ? `${what} is on node ${host}, which hosts ${machine}; this is node ${t.node} (send it to ${host}'s stdin)`
    : `${what}: no node of this deployment hosts ${machine}`);
}

function press(t: ControlTarget, signal: string, ms: unknown): ControlAnswer {
  const owner = OWNER.get(signal);
  if (!owner || signal.endsWith(' limit')) return refused(`no button named ${JSON.stringify(signal.slice(0, 80))}`);
  if (!t.board.hosts.includes(owner)) return elsewhere(t, owner, signal);
  if (!Object.hasOwn(t.board.signals, signal)) return refused(`boards/${t.board.name}.json wires no ${signal}`);
  const hold = typeof ms === 'number' && ms > 0 && ms <= 60_000 ? ms : 200;
  t.press(signal, hold);
  return done(`pressed ${signal} for ${hold} ms`);
}

function reset(t: ControlTarget, name: string): ControlAnswer {
  const machine = MACHINES.get(name);
  if (!machine) return refused(`no machine named ${JSON.stringify(name.slice(0, 80))} (machines: battle deck, bay door, bay environment, airlock A…)`);
  if (!t.board.hosts.includes(machine)) return elsewhere(t, machine, `reset of ${machine}`);
  const before = t.stateOf(machine);
  t.send(machine, 'reset');
  const after = t.stateOf(machine);
  return done(before === 'faulted' && after === 'faulted' ? `${machine}: reset sent, still faulted (its fault stands)` : `${machine}: reset sent (${before} → ${after})`);
}

/** The machine a door, pump or sensor belongs to: `airlock B outer` → airlock B, `bay` → bay environment. */
function ownerOfPart(part: string): MachineId | undefined {
  if (part === 'bay door') return 'bay door';
  if (part === 'bay' || part === 'bay pressure' || part === 'bay temperature') return 'bay environment';
  const m = /^(airlock [A-Z])(?: (?:outer|inner|chamber pressure))?$/.exec(part);
  return m && MACHINES.has(m[1]!) ? MACHINES.get(m[1]!) : undefined;
}

const FAULTS = ['jam', 'unjam', 'leak', 'sensorFault', 'clearSensorFault', 'pumpDead', 'pumpRevived'] as const;
const PARTS = { jam: 'door', unjam: 'door', sensorFault: 'sensor', clearSensorFault: 'sensor', pumpDead: 'pump', pumpRevived: 'pump' } as const;

/** A fault line: the part must be this node's (else: which node's it is), a stuck value one its ADC can read. */
function fault(t: ControlTarget, o: { [field: string]: unknown }, kind: (typeof FAULTS)[number]): ControlAnswer {
  const v = o[kind];
  if (kind === 'leak') {
    if (typeof v !== 'number' || !(v >= 0 && v <= 100)) return refused('"leak" must be a rate from 0 to 100 kPa/s (0 seals it)');
    if (!t.board.hosts.includes('bay environment')) return elsewhere(t, 'bay environment', `a leak of the bay`);
    t.inject({ leak: v });
    return done(v > 0 ? `bay leaking ${v} kPa/s` : 'leak sealed');
  }
  const what = PARTS[kind];
  const owner = typeof v === 'string' ? ownerOfPart(v) : undefined;
  const valid = owner !== undefined && (what === 'door' ? /(door|outer|inner)$/.test(v as string)
    : what === 'pump' ? (v === 'bay' || /^airlock [A-Z]$/.test(v as string)) : /(pressure|temperature)$/.test(v as string));
  const examples = { door: '"bay door", "airlock B outer", "airlock B inner"', pump: '"bay", "airlock B"', sensor: '"bay pressure", "airlock B chamber pressure"' }[what];
  if (!valid) return refused(`"${kind}" must name a ${what}: ${examples} (got ${JSON.stringify(v).slice(0, 80)})`);
  const part = v as string;
  if (!t.board.hosts.includes(owner)) return elsewhere(t, owner, `${kind} ${part}`);
  if (kind === 'sensorFault') {
    if (!Object.hasOwn(t.board.signals, part)) return refused(`boards/${t.board.name}.json wires no ${part}`);
    if (o.outOfRange === true) { t.inject({ sensorFault: part, outOfRange: true }); return done(`${part} out of range`); }
    if (typeof o.stuck !== 'number') return refused('"sensorFault" needs "stuck": <value> or "outOfRange": true');
    const refusal = stuckRefusal(t.board, part, o.stuck);
    if (refusal) return refused(refusal);
    t.inject({ sensorFault: part, stuck: o.stuck });
    return done(`${part} stuck at ${o.stuck}`);
  }
  t.inject({ [kind]: part } as HardwareFault);
  const said = { jam: 'jammed', unjam: 'free', clearSensorFault: 'reads true', pumpDead: 'pump dead', pumpRevived: 'pump running' }[kind];
  return done(`${part}${what === 'door' && part !== 'bay door' ? ' door' : ''} ${said}`);
}

/** Answers one line of stdin; never throws. */
export function answerControl(t: ControlTarget, line: string): ControlAnswer {
  let c: unknown;
  try { c = JSON.parse(line); } catch (e) { return refused(`not JSON (${(e as Error).message})`); }
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return refused('expected a JSON object, e.g. {"status": true}');
  const o = c as { [field: string]: unknown };
  if (Object.hasOwn(o, 'press')) return typeof o.press === 'string' ? press(t, o.press, o.ms) : refused('"press" must be a button\'s name');
  if (Object.hasOwn(o, 'request')) {
    if (typeof o.request !== 'string' || !REQUESTS.includes(o.request)) return refused(`"request" must be one of ${REQUESTS.map((r) => `"${r}"`).join(', ')}`);
    if (!t.board.hosts.includes('battle deck')) return elsewhere(t, 'battle deck', `request ${o.request}`);
    t.send('battle deck', `${o.request} requested`);
    return done(`battle deck: ${o.request} requested`);
  }
  if (Object.hasOwn(o, 'reset')) return typeof o.reset === 'string' ? reset(t, o.reset) : refused('"reset" must be a machine\'s name');
  const injected = FAULTS.find((k) => Object.hasOwn(o, k));
  if (injected) return fault(t, o, injected);
  if (o.status === true) { t.status(); return { ok: true, message: 'status printed', printed: true }; }
  return refused(`unknown command ${line.slice(0, 80)} (see --help)`);
}
