// What the web bench's server and page say to each other: the layout once, then live snapshots (types only).
import type { Sample } from '../../sim/samples';
import type { SensorTruth } from '../../sim/sensors';
export type { Sample, SensorTruth };

/** One machine's matrix as the design note draws it: states down, events across, each cell in words. */
export interface MatrixLayout {
  id: string;
  states: string[];
  events: string[];
  /** `cells[state][event]`, in the order of `states` and `events`. */
  cells: { kind: string; text: string }[][];
}

export interface Choice { id: string; label: string }

/** Everything that does not change while the bench runs; the page builds itself from it. */
export interface Layout {
  board: string;
  /** The airlocks drawn: those the board hosts, in the vocabulary's order. */
  airlocks: string[];
  machines: MatrixLayout[];
  deckRequests: string[];
  doors: Choice[];
  pumps: Choice[];
  sensors: (Choice & { unit: string })[];
  speeds: number[];
  stepMs: number;
  // MULTI-NODE: the nodes of a cluster and the links between them (empty on one board until multi-node mode).
  nodes: Choice[];
  links: Choice[];
}

export interface DoorView { position: number; motor: number; jammed: boolean; label: string }

interface AirlockView {
  chamberKpa: number;
  pumpOn: boolean;
  ventOn: boolean;
  pumpDead: boolean;
  outer: DoorView;
  inner: DoorView;
  /** Buttons 1–4, true while pressed. */
  buttons: boolean[];
  recalled: boolean;
  heldBack: boolean;
}

export interface MachineView {
  /** Absent while it is not yet known (after boot, before its sensors have been read): the page says "unknown". */
  state?: string;
  goal?: string;
  /** The cell of the last event that acted (transition, beep, veto or impossible). */
  last?: { state: string; event: string; kind: string };
}

export interface Requirement { part: string; wanted: string; now: string; met: boolean }

/** One audit entry, numbered so a page that reconnects can skip what it has. */
export interface AuditLine { seq: number; t: number; kind: string; machine: string; text: string; what: string }

/** One node of a cluster: up or powered off, cut off the bus or not, and how fresh its view of the others is. */
export interface NodeView {
  id: string;
  up: boolean;
  cut: boolean;
  epoch: number;
  accepted: number;
  rejected: number;
  /** Each machine on another node: its state as this node sees it, or null when its replica is stale. */
  sees: { [machine: string]: string | null };
}

export interface Snapshot {
  t: number;
  speed: number;
  paused: boolean;
  powered: boolean;
  bay: { kPa: number; tempC: number; pumpOn: boolean; ventOn: boolean; heaterOn: boolean; pumpDead: boolean; leakKpaPerS: number };
  bayDoor: DoorView;
  airlocks: { [letter: string]: AirlockView };
  outputs: { beeper: boolean; klaxon: boolean; warningLights: boolean };
  /** Sensors with a fault, in words (`stuck at 40`, `out of range`). */
  sensorFaults: { [signal: string]: string };
  /** Each sensor: what physics holds, what the sensor gives, what the controller reads, and whether they differ. */
  sensors: SensorTruth[];
  machines: { [id: string]: MachineView };
  deck?: { state?: string; goal?: string; requirements: Requirement[] };
  /** Audit entries the page has not had yet. */
  audit: AuditLine[];
  /** The nodes of a cluster (empty on one board). */
  nodes: NodeView[];
  /** Samples for the strip charts taken since the last message (GET /api/history has the last ten minutes). */
  samples: Sample[];
}

/** A moment without its audit entries and samples: what GET /api/moment?t= answers from the kept history. */
export type Moment = Omit<Snapshot, 'audit' | 'samples'>;

/** The answer to every input. */
export interface InputResult { ok: boolean; message: string }
