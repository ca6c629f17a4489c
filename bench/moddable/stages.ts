// `npx tsx bench/moddable/stages-cli.ts <board>`: what a lone board's device entry keeps alive, stage by stage. It does
// what firmware/main.ts does, one step at a time, and after each step forces a full collection (Moddable's `debug`)
// and reads XS's instrumentation: slots and chunks in use then are what is alive, not garbage. Each of our modules is
// imported when its stage comes, so a stage's figure is what that step added.
import Debug from 'debug';
import Instrumentation from 'instrumentation';
import Timer from 'timer';

declare const trace: (text: string) => void;

const ids = {
  slots: Instrumentation.map('XS Slot Heap Used'),
  chunks: Instrumentation.map('XS Chunk Heap Used'),
  modules: Instrumentation.map('XS Modules Loaded'),
};
export interface StageSample { stage: string; slotBytes: number; chunkBytes: number; modules: number }
const samples: StageSample[] = [];
function sample(stage: string): void {
  trace(`stage: ${stage}\n`);
  Debug.gc();
  const get = (id: number | undefined) => Instrumentation.get(id) ?? -1;
  samples.push({ stage, slotBytes: get(ids.slots), chunkBytes: get(ids.chunks), modules: get(ids.modules) });
}
const wait = (ms: number) => new Promise<void>((resolve) => { Timer.set(() => resolve(), ms); });

/**
 * What one of each suspect keeps alive: N of it held in a list (the list's own cost, measured with N numbers, taken
 * off), divided by N. Slots and chunk bytes (64-bit), per one.
 */
export interface SuspectCost { suspect: string; slots: number; chunkBytes: number }
const suspects: SuspectCost[] = [];
const N = 32;
function cost(suspect: string, make: (i: number) => unknown): void {
  const base = new Array<unknown>(N);
  for (let i = 0; i < N; i++) base[i] = i;
  sample('');
  const before = samples.pop()!;
  let kept: unknown[] | undefined = new Array<unknown>(N);
  for (let i = 0; i < N; i++) kept[i] = make(i);
  sample('');
  const after = samples.pop()!;
  suspects.push({ suspect, slots: (after.slotBytes - before.slotBytes) / 32 / N, chunkBytes: (after.chunkBytes - before.chunkBytes) / N });
  kept = undefined;
  void kept; void base;
}

async function measureSuspects(): Promise<void> {
  const { createSystem } = await import('../../firmware/system');
  const { createCoordination, createMemory } = await import('../../firmware/coordination');
  const { Dispatcher, createMachine } = await import('../../firmware/core');
  const { airlock } = await import('../../firmware/machines');
  const { SensorWatch, chamberPressureLimits } = await import('../../firmware/controller/sensor-watch');
  let captured = 0;
  cost('a number (the list\'s own cost: 0)', (i) => i);
  cost('a closure capturing one variable', () => () => captured++);
  cost('an object of 6 properties', (i) => ({ a: i, b: i, c: i, d: i, e: i, f: i }));
  cost('an array literal of 2 functions', () => [cost, sample]);
  cost('a template string of ~30 characters', (i) => `airlock ${i} outer door did not close`);
  cost('new Float64Array(16)', () => new Float64Array(16));
  cost('new Dispatcher()', () => new Dispatcher());
  cost('createMemory()', () => createMemory());
  const view = { hosted: () => false, state: () => undefined, goal: () => undefined, kPa: () => NaN, send() {}, alarm() {}, recall() {} };
  cost('createCoordination(view)', () => createCoordination(view as never));
  const { airlockPost, airlockPre } = await import('../../firmware/coordination/airlock-rules');
  const { recordEvidence } = await import('../../firmware/coordination/bay-rules');
  const { deckPost } = await import('../../firmware/coordination/deck-drive');
  const memory = createMemory();
  cost('airlockPost(memory): a preloaded factory\'s closure', () => airlockPost(memory));
  cost('airlockPre(view, memory)', () => airlockPre(view as never, memory));
  cost('recordEvidence(memory, bayDoor)', () => recordEvidence(memory, 'bayDoor'));
  cost('deckPost(view, memory)', () => deckPost(view as never, memory));
  cost('{ pre: [airlockPre(…)], post: [airlockPost(…)] }', () => ({ pre: [airlockPre(view as never, memory)], post: [airlockPost(memory)] }));
  cost('createMachine(airlock) with no hooks', () => createMachine(airlock, { name: 'airlock A' }));
  cost('createMachine(airlock) with one pre and one post hook', () => createMachine(airlock, { name: 'airlock A', pre: [() => true], post: [() => {}] }));
  cost('new SensorWatch()', () => new SensorWatch('chamber', { read: () => 0 }, { now: () => 0, set: () => 0, clear() {} } as never, chamberPressureLimits));
  cost('createSystem({ hosts: [airlock A] })', () => createSystem({ hosts: ['airlock A'], kPa: () => NaN, outerDoorClosed: () => false, bayDoorClosed: () => false, bayWarm: () => false }));
}

/** On lin, what the desktop provider's two parts keep: the physics model, and the pin table the board wires to it. */
async function measureDesktopProvider(board: unknown): Promise<void> {
  const { LaunchBayModel } = await import('../../sim/physics');
  const { buildPinTable } = await import('../../sim/provider/pin-table');
  const { hostedAirlocks } = await import('../../hal/board/signals');
  const letters = hostedAirlocks([board as never]);
  cost('new LaunchBayModel(): every part (lin only)', () => new LaunchBayModel());
  cost('new LaunchBayModel({ lean }), as the provider makes it (lin only)', () => new LaunchBayModel({ letters, lean: true }));
  const model = new LaunchBayModel({ letters, lean: true });
  cost('buildPinTable(this board, model) (lin only)', () => buildPinTable(board as never, model));
}

/**
 * What startController's parts keep, one at a time: each hosted machine's station (its drivers, pins, watches and
 * callbacks), built with a context like startController's (its callbacks made here, in a module not preloaded, so
 * they cost no chunks), then the indicators; all closed and dropped before startController opens the same pins.
 */
async function stationsOneByOne(board: unknown, device: unknown): Promise<void> {
  const { createAirlockStation } = await import('../../firmware/controller/airlock-station');
  const { createBayDoorStation } = await import('../../firmware/controller/bay-door-station');
  const { createBayEnvironmentStation } = await import('../../firmware/controller/bay-environment-station');
  const { createDeckStation } = await import('../../firmware/controller/deck-station');
  const { DeadlineWatch } = await import('../../firmware/controller/deadlines');
  const { Beeper, Klaxon, WarningLights } = await import('../../hal/drivers');
  const { createModdableClock } = await import('../../hal/providers/moddable-builtin-clock');
  const { defaultThresholds } = await import('../../firmware/thresholds');
  const clock = createModdableClock();
  const b = board as { hosts: string[]; signals: { [s: string]: unknown } };
  const facts = { bayEnvironment: () => undefined, bayHostile: () => true, bayKpa: () => NaN, chamberKpa: () => NaN, doorClosed: () => false };
  const ctx = {
    board, device, clock, limits: defaultThresholds, report: () => {}, facts, coordination: () => undefined, alarmChanged: () => {},
    machine: () => undefined, stateOf: () => undefined, sensorFault: () => {},
  } as never;
  let parts: { close(): void }[] | undefined = [];
  for (const id of b.hosts) {
    const station = id === 'bay door' ? createBayDoorStation(ctx) : id === 'bay environment' ? createBayEnvironmentStation(ctx)
      : id === 'battle deck' ? createDeckStation(ctx) : createAirlockStation(ctx, id.slice('airlock '.length) as never);
    parts.push(station);
    sample(`station: ${id}`);
  }
  const deadlines: unknown[] = [];
  for (const id of b.hosts) deadlines.push(new DeadlineWatch(id, board as never, clock, () => {}));
  sample('a DeadlineWatch per station');
  const out = (s: string) => b.signals[s] as never;
  if (b.signals.beeper) parts.push(new Beeper({ device: device as never, clock, wiring: out('beeper') }));
  if (b.signals.klaxon) parts.push(new Klaxon({ device: device as never, wiring: out('klaxon') }));
  if (b.signals['warning lights']) parts.push(new WarningLights({ device: device as never, wiring: out('warning lights') }));
  sample('indicators (beeper, klaxon, warning lights)');
  // Closed (sensors included), so that startController can open the same pins again.
  for (const p of parts) p.close();
  parts = undefined;
  void parts; void deadlines;
  sample('stations closed and dropped');
}

async function stages(): Promise<void> {
  await measureSuspects();
  sample('the runtime and this entry');
  const boardModule = await import('board');
  sample('board module imported');
  const { default: device } = await import('embedded:provider/builtin');
  sample('IO provider imported (on lin: the desktop provider and the bay\'s physics)');
  await measureDesktopProvider(boardModule.default);
  const { validateBoard } = await import('../../firmware/board');
  const { startController } = await import('../../firmware/controller');
  const { AuditRing } = await import('../../firmware/controller/audit-ring');
  const { createModdableClock } = await import('../../hal/providers/moddable-builtin-clock');
  const { createSystem } = await import('../../firmware/system');
  sample('controller modules imported');
  const checked = validateBoard(boardModule.default, boardModule.mcu, boardModule.file);
  sample('board validated');
  const audit = new AuditRing(256);
  sample('empty audit ring (256)');
  let bare: unknown = createSystem({ hosts: checked.hosts, kPa: () => NaN, outerDoorClosed: () => false, bayDoorClosed: () => false, bayWarm: () => false });
  sample('a bare createSystem (machines, coordination) alive');
  bare = undefined;
  sample('the bare system dropped');
  await stationsOneByOne(checked, device);
  let reports = 0;
  startController({ board: checked, device, clock: createModdableClock(), onReport: (r) => { audit.append(r); reports++; } });
  sample('startController returned');
  for (const [ms, label] of [[500, '0.5 s'], [1500, '2 s: first scans'], [1000, '3 s: reconstructed, started'], [7000, '10 s'], [10000, '20 s']] as const) {
    await wait(ms);
    sample(`${label} (${reports} reports in the ring)`);
  }
  void bare;
}

stages().then(() => answer({ samples, suspects }), (e: unknown) => answer({ error: String(e), samples, suspects }));

function answer(value: unknown): void {
  const text = JSON.stringify(value);
  for (let i = 0; i < text.length; i += 200) trace(`@@lb+${text.slice(i, i + 200)}\n`);
  trace('@@lb.\n');
}
