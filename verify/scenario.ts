// A counterexample as a scenario file (docs/SCENARIOS.md) the simulator can replay: operator acts become
// presses and requests, faults become jams and broken sensors, progress becomes waits for what the trace saw.
import { defaultThresholds } from '../firmware/thresholds';
import { AIR, argOf, ASK, BAY_DOOR, BOOTED, DEADLINE, DECK_REQUESTS, DOOR, ENVIRONMENT, FINISH, FIRST_AIRLOCK, kindOf, LEAK, REBOOT, REQUEST, RESET, SEAL, SENSOR, slotOf } from './events';
import type { Violation } from './report';
import type { TraceStep } from './trace';

export interface ScenarioFile {
  name: string;
  description: string;
  start: 'relaxed';
  steps: { [field: string]: unknown }[];
}

export interface ScenarioExport {
  scenario: ScenarioFile;
  /** Trace steps the simulator has no action for, in words. */
  unmapped: string[];
}

const PAUSE = '500ms';
// How long the simulated parts may take (the sim board's deadlines, with room).
const WITHIN = { door: '60s', bay: '15m', airlock: '30s' };
// The abstract levels as the firmware counts them (firmware/thresholds.ts): full, empty, and between.
const { holdsFullKpa: FULL_KPA, holdsEmptyKpa: EMPTY_KPA } = defaultThresholds;
const RANGE = { full: { above: FULL_KPA }, between: { above: EMPTY_KPA, below: FULL_KPA }, empty: { below: EMPTY_KPA } } as const;

/** Machine ids in slot order for the airlocks a trace names (A, B, … as in the model). */
const machineOfSlot = (slot: number) => (slot === BAY_DOOR ? 'bay door' : slot === ENVIRONMENT ? 'bay environment' : `airlock ${String.fromCharCode(63 + slot)}`);

export function toScenario(v: Violation, name = `counterexample: ${v.property} (${v.level})`): ScenarioExport {
  const steps: ScenarioFile['steps'] = [], unmapped: string[] = [];
  // What the scenario broke per machine, to heal before an operator reset (a reset is refused while a fault stands).
  const broken = new Map<string, Step>();
  v.trace.forEach((s, i) => {
    const mapped = mapStep(s, v.trace[i - 1] ?? v.start, broken);
    if (mapped.length === 0) unmapped.push(`step ${i + 1}: ${s.event}`);
    steps.push(...mapped);
  });
  const last = v.trace[v.trace.length - 1];
  // A machine still unknown (the trace ends in the boot window) has no state to expect.
  const states = Object.fromEntries(Object.entries(last?.states ?? v.start.states).filter(([, x]) => x.state !== 'unknown').map(([id, x]) => [id, x.state]));
  steps.push({ after: 0, expect: { states } });
  const description = [
    `Found by npm run verify. ${v.property} (${v.level}): ${v.detail}.`,
    'The last step expects the machines where the counterexample ends; a replay that meets it has reproduced the path.',
    unmapped.length ? `Not replayable as actions (the simulator has none for them): ${unmapped.join('; ')}.` : '',
  ].filter(Boolean).join(' ');
  return { scenario: { name, description, start: 'relaxed', steps }, unmapped };
}

type Picture = Pick<TraceStep, 'states' | 'world'>;

type Step = { [field: string]: unknown };

function mapStep(s: TraceStep, before: Picture, broken: Map<string, Step>): Step[] {
  const slot = slotOf(s.code), id = machineOfSlot(slot), within = slot >= FIRST_AIRLOCK ? WITHIN.airlock : slot === BAY_DOOR ? WITHIN.door : WITHIN.bay;
  switch (kindOf(s.code)) {
    case REQUEST: return [{ after: PAUSE, request: DECK_REQUESTS[argOf(s.code)] }];
    case ASK: return [{ after: PAUSE, press: `${id} button ${argOf(s.code) === 0 ? 2 : 3}` }];
    case LEAK: return [{ after: PAUSE, leak: 2 }, { eventually: { states: { 'bay environment': s.states['bay environment'].state } }, within: '30s' }];
    case SEAL: return [{ after: 0, leak: 0 }];
    case REBOOT: return [{ after: PAUSE, reboot: '2s' }];
    case BOOTED: return [{ after: '3s', wait: true }];
    case FINISH: return [{ eventually: { states: { [id]: s.states[id].state } }, within }];
    case DOOR: {
      const door = slot === BAY_DOOR ? 'bay door' : `${id} ${argOf(s.code) === 0 ? 'outer' : 'inner'}`;
      return [{ eventually: { doors: { [door]: s.world[slot === BAY_DOOR ? 'door E' : door] } }, within }];
    }
    case AIR: {
      const place = slot === ENVIRONMENT ? 'bay' : id, level = s.world[slot === ENVIRONMENT ? 'bay' : `${id} chamber`] as keyof typeof RANGE;
      return [{ eventually: { pressures: { [place]: RANGE[level] } }, within }];
    }
    default: return mapFault(s, id, before.states[id]?.state ?? '', within, broken);
  }
}

// Faults break a part in the simulator, remembered so that the operator's reset can heal it first.
function mapFault(s: TraceStep, id: string, was: string, within: string, broken: Map<string, Step>): Step[] {
  const faulted = { eventually: { states: { [id]: 'faulted' } }, within };
  switch (kindOf(s.code)) {
    case RESET: {
      const heal = broken.get(id);
      broken.delete(id);
      // A healed sensor must read plausibly for a while before the controller lets the reset through.
      return [...(heal ? [{ after: 0, ...heal }] : []), { after: heal ? '3s' : PAUSE, reset: id }];
    }
    case DEADLINE: {
      const cause = deadlineCause(id, was);
      if (!cause) return [];
      broken.set(id, cause.heal);
      return [{ after: 0, ...cause.act }, faulted];
    }
    case SENSOR: {
      // Door E's sensors are its limit switches, which scenarios cannot break; the bay's temperature fails at once.
      const sensor = id === 'bay door' ? undefined : id === 'bay environment' ? 'bay temperature' : `${id} chamber pressure`;
      if (!sensor) return [];
      broken.set(id, { clearSensorFault: sensor });
      return [{ after: PAUSE, sensorFault: sensor, outOfRange: true }, faulted];
    }
    default: return [];
  }
}

/** What makes a movement overrun in the simulator: a jammed door or a dead pump (a stuck vent or heater has no action). */
function deadlineCause(id: string, state: string): { act: { [k: string]: unknown }; heal: { [k: string]: unknown } } | undefined {
  if (id === 'bay door') return { act: { jam: 'bay door' }, heal: { unjam: 'bay door' } };
  if (id === 'bay environment') return state === 'pressurizing' ? { act: { pumpDead: 'bay' }, heal: { pumpRevived: 'bay' } } : undefined;
  const door = state.endsWith('outer') ? `${id} outer` : state.endsWith('inner') ? `${id} inner` : undefined;
  if (door) return { act: { jam: door }, heal: { unjam: door } };
  return state === 'pressurizing' ? { act: { pumpDead: id }, heal: { pumpRevived: id } } : undefined;
}
