// The vocabulary of every board file, and the one list of airlocks: which airlocks may exist, the machines, and
// the logical signals each hosted machine needs, by name. Which airlocks do exist is said by the board files
// (`hosts`); nothing else lists them (docs/EXTENDING.md).

/**
 * Every airlock a board may host, in order. The ship has four, A–D; a fifth and sixth take F and G, never E
 * (door E is the bay door, and `e` is its key), nor I (read as 1). Add a letter here to allow another.
 */
export const airlockLetters = ['A', 'B', 'C', 'D', 'F', 'G', 'H', 'J'] as const;
export type AirlockLetter = (typeof airlockLetters)[number];
/** The ship's own airlocks, as the shipped boards host them (the simulator's cluster has one node each). */
export const shipAirlocks: readonly AirlockLetter[] = airlockLetters.slice(0, 4);
export type MachineId = 'battle deck' | 'bay door' | 'bay environment' | `airlock ${AirlockLetter}`;
export const machineIds: readonly MachineId[] = ['battle deck', 'bay door', 'bay environment', ...airlockLetters.map((l) => `airlock ${l}` as const)];

const LETTERS: { [letter: string]: boolean } = Object.fromEntries(airlockLetters.map((l) => [l, true]));
export const isAirlockLetter = (x: unknown): x is AirlockLetter => typeof x === 'string' && LETTERS[x] === true;

/** The airlock a name starts with: `airlock B chamber pressure` → `B`; undefined when it names none. */
export function airlockOf(name: string): AirlockLetter | undefined {
  if (!name.startsWith('airlock ')) return undefined;
  const end = name.indexOf(' ', 8), letter = end < 0 ? name.slice(8) : name.slice(8, end);
  return isAirlockLetter(letter) ? letter : undefined;
}

/** The airlocks some boards host, in the vocabulary's order. */
export function hostedAirlocks(boards: readonly { hosts: readonly string[] }[]): AirlockLetter[] {
  return airlockLetters.filter((l) => boards.some((b) => b.hosts.includes(`airlock ${l}`)));
}

/**
 * What a signal is electrically, which decides the wirings a board file may give it:
 * - input: a switch to a digital input (buttons, limit switches);
 * - output: a digital output (pumps, valves, heater, indicators);
 * - motor: a door motor, by direction and enable pins or by a serial motor controller;
 * - sensor: an analog reading (ADC) or a UART sensor that streams readings.
 */
export type SignalKind = 'input' | 'output' | 'motor' | 'sensor';

export interface SignalSpec { readonly name: string; readonly kind: SignalKind; readonly required: boolean }

const door = (prefix: string): SignalSpec[] => [
  { name: `${prefix}`, kind: 'motor', required: true },
  { name: `${prefix} open limit`, kind: 'input', required: true },
  { name: `${prefix} closed limit`, kind: 'input', required: true },
];

/** The signals of one hosted machine. */
export function signalsOf(machine: MachineId): SignalSpec[] {
  if (machine === 'bay door') return door('bay door');
  if (machine === 'bay environment') {
    return [
      { name: 'bay pressure', kind: 'sensor', required: true },
      { name: 'bay temperature', kind: 'sensor', required: true },
      { name: 'bay pump', kind: 'output', required: true },
      { name: 'bay vent', kind: 'output', required: true },
      { name: 'bay heater', kind: 'output', required: true },
    ];
  }
  if (machine === 'battle deck') {
    // Request buttons on the bridge; optional, since requests may also come from the console or the bus.
    return ['active', 'ready', 'relaxed'].map((r) => ({ name: `deck ${r} request`, kind: 'input' as const, required: false }));
  }
  const a = machine; // `airlock X`
  return [
    ...[1, 2, 3, 4].map((n) => ({ name: `${a} button ${n}`, kind: 'input' as const, required: true })),
    ...door(`${a} outer door`),
    ...door(`${a} inner door`),
    { name: `${a} chamber pressure`, kind: 'sensor', required: true },
    { name: `${a} pump`, kind: 'output', required: true },
    { name: `${a} vent`, kind: 'output', required: true },
  ];
}

/** Indicators any board may carry. */
export const indicatorSignals: readonly SignalSpec[] = [
  { name: 'beeper', kind: 'output', required: false },
  { name: 'klaxon', kind: 'output', required: false },
  { name: 'warning lights', kind: 'output', required: false },
];

function allSignals(): ReadonlyMap<string, SignalSpec> {
  const all = new Map<string, SignalSpec>();
  for (const m of machineIds) for (const s of signalsOf(m)) all.set(s.name, s);
  for (const s of indicatorSignals) all.set(s.name, s);
  return all;
}
// Made once, when the module is: preloaded, it is in flash (read-only), where a Map made per call was built in RAM
// at every board validation and by the desktop provider (docs/BENCHMARKS.md, "What a board keeps alive").
const KNOWN_SIGNALS = allSignals();

/** Every signal a board may name, with its spec: one Map, shared, never to be changed. */
export function knownSignals(): ReadonlyMap<string, SignalSpec> {
  return KNOWN_SIGNALS;
}

/**
 * The moving parts whose every movement has a deadline (board field `deadlines`, in ms): a movement that
 * does not finish in time is a fault. Airlock parts apply to every airlock the board hosts.
 */
export function deadlinePartsOf(machine: MachineId): string[] {
  if (machine === 'bay door') return ['bay door'];
  if (machine === 'bay environment') return ['bay pump', 'bay vent', 'bay heater'];
  if (machine === 'battle deck') return [];
  return ['airlock door', 'airlock pump', 'airlock vent'];
}
