// What the page may do to the bench, one handler per POST /api/<action>: buttons, deck requests, resets, faults, time.
import { airlockOf, type MachineId } from '../../firmware/board/signals';
import { stuckRefusal } from '../../sim/sensors';
import { hasButton, type DeckStart, type SimWorld } from '../../sim/world';
import { clusterOf, SPEEDS, STEP_MS } from './layout';
import type { TimeState } from './snapshot';

/** A refused input: the page gets a 400 and this message. */
export class InputError extends Error {}

export interface BenchContext {
  world: SimWorld;
  time: TimeState;
  /** Moves simulated time on by `ms` now (Step). */
  advance(ms: number): void;
}

type Body = { [field: string]: unknown };
type Handler = (bench: BenchContext, body: Body) => string;

function text(body: Body, field: string, allowed?: readonly string[]): string {
  const v = body[field];
  if (typeof v !== 'string' || (allowed && !allowed.includes(v))) {
    throw new InputError(`"${field}" must be ${allowed ? `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` : 'a string'}`);
  }
  return v;
}

function num(body: Body, field: string, min: number, max: number): number {
  const v = body[field];
  if (typeof v !== 'number' || !(v >= min && v <= max)) throw new InputError(`"${field}" must be a number from ${min} to ${max}`);
  return v;
}

function flag(body: Body, field: string): boolean {
  if (typeof body[field] !== 'boolean') throw new InputError(`"${field}" must be true or false`);
  return body[field] as boolean;
}

function machine(world: SimWorld, id: string) {
  if (!world.powered) throw new InputError('the controller is powered off');
  const m = Object.hasOwn(world.controller.machines, id) ? world.controller.machines[id as MachineId] : undefined;
  if (!m) throw new InputError(`this board does not host ${JSON.stringify(id)}`);
  return m;
}

// The page's deck buttons are the bridge's request buttons where the board wires them, else the console's events.
function requestDeck(world: SimWorld, request: string): string {
  const signal = `deck ${request} request`;
  if (world.controller.board.signals[signal]) { world.press(signal); return `pressed ${signal}`; }
  world.request(request as DeckStart);
  return `battle deck: ${request} requested`;
}

function clearFaults(world: SimWorld): string {
  const m = world.model;
  m.bay.leakKpaPerS = 0; m.bay.pumpDead = false; m.unjam('bay door');
  for (const l of m.letters) { m.unjam(`airlock ${l} outer`); m.unjam(`airlock ${l} inner`); m.airlocks[l].pumpDead = false; }
  for (const s of Object.keys(m.sensorFaults)) m.sensorFaults[s] = undefined;
  return 'every fault cleared: hull sealed, doors free, pumps running, sensors true';
}

export const inputs: { [action: string]: Handler } = {
  press({ world }, body) {
    const signal = text(body, 'signal');
    if (!hasButton(world.model, signal)) throw new InputError(`no button named ${JSON.stringify(signal)}`);
    world.press(signal);
    return `pressed ${signal}`;
  },
  deck({ world }, body) {
    machine(world, 'battle deck');
    return requestDeck(world, text(body, 'request', ['active', 'ready', 'relaxed']));
  },
  reset({ world }, body) {
    const id = text(body, 'machine');
    if (!machine(world, id).definition.events.includes('reset')) throw new InputError(`${id} has no reset`);
    world.controller.send(id as MachineId, 'reset');
    return `${id}: reset sent`;
  },
  leak({ world }, body) {
    const rate = num(body, 'kPaPerS', 0, 100);
    world.model.bay.leakKpaPerS = rate;
    return rate > 0 ? `bay leaking ${rate} kPa/s` : 'leak sealed';
  },
  jam({ world }, body) {
    const door = text(body, 'door'), jammed = flag(body, 'jammed');
    let d;
    try { d = world.model.door(door); } catch { throw new InputError(`no door named ${JSON.stringify(door)}`); }
    d.jammed = jammed;
    return `${door} door ${jammed ? 'jammed' : 'free'}`;
  },
  pump({ world }, body) {
    const pump = text(body, 'pump', ['bay', ...world.model.letters]), dead = flag(body, 'dead');
    if (pump === 'bay') world.model.bay.pumpDead = dead;
    else world.model.airlocks[pump as 'A'].pumpDead = dead;
    return `${pump === 'bay' ? 'bay' : `airlock ${pump}`} pump ${dead ? 'dead' : 'running'}`;
  },
  sensor({ world }, body) {
    const signal = text(body, 'signal');
    if (!(signal === 'bay pressure' || signal === 'bay temperature' || (airlockOf(signal) && signal === `airlock ${airlockOf(signal)} chamber pressure`))) throw new InputError(`no sensor named ${JSON.stringify(signal)}`);
    const fault = text(body, 'fault', ['stuck', 'out of range', 'none']);
    const faults = world.model.sensorFaults;
    if (fault === 'none') faults[signal] = undefined;
    else if (fault === 'out of range') faults[signal] = { kind: 'out of range' };
    else {
      const value = num(body, 'value', -1000, 1000);
      // An ADC cannot read below its zero or above its full scale: such a fault would show one value and read another.
      const refused = world.powered ? stuckRefusal(world.controller.board, signal, value) : undefined;
      if (refused) throw new InputError(refused);
      faults[signal] = { kind: 'stuck', value };
    }
    return fault === 'none' ? `${signal} reads true` : `${signal} ${fault === 'stuck' ? `stuck at ${body.value}` : 'out of range'}`;
  },
  'clear-faults': ({ world }) => clearFaults(world),
  link({ world }, body) {
    const cluster = clusterOf(world);
    if (!cluster) throw new InputError('one board runs every machine here: there are no links (start with --cluster)');
    const node = text(body, 'link', Object.keys(cluster.nodes)), cut = flag(body, 'cut');
    if (cut) cluster.bus.cut.add(node); else cluster.bus.cut.delete(node);
    return `${node} ${cut ? 'cut off the bus' : 'back on the bus'}`;
  },
  pause({ time }, body) {
    time.paused = flag(body, 'paused');
    return time.paused ? 'paused' : 'running';
  },
  step(bench) {
    bench.advance(STEP_MS);
    return `stepped ${STEP_MS / 1000} s`;
  },
  speed({ time }, body) {
    const speed = num(body, 'speed', SPEEDS[0], SPEEDS[SPEEDS.length - 1]);
    time.speed = speed;
    return `speed ×${speed}`;
  },
};
