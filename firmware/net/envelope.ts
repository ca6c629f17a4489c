// The signed envelope every message travels in, whatever the transport (in-process bus, MQTT, RS-485).

export type MessageKind = 'report' | 'command';

export interface Envelope {
  from: string;
  /** A node name, or `*` for every node. */
  to: string;
  kind: MessageKind;
  /** The sender's boot count, persisted: a reboot starts a new epoch. */
  epoch: number;
  /** Rises with every message within an epoch. */
  seq: number;
  /** The sender's clock, ms: informative only (clocks are not shared). */
  t: number;
  body: ReportBody | CommandBody;
  /** HMAC-SHA256 over `canonical(...)`, under the sender's key. */
  mac: string;
}

export interface ReportBody {
  /** The sender's machines: state and goal. */
  machines: { [id: string]: { state: string; goal?: string } };
  /** Readings others need: `bay kPa`, door limits. */
  facts: { [name: string]: number };
  /** The last (epoch, seq) this node accepted from each sender: proof of what it had heard when it reported. */
  heard: { [node: string]: [number, number] };
}

export type CommandBody = { machine: string; event: string } | { recall: string };

/** The exact text the MAC covers: every field but the MAC, in a fixed order. */
export const canonical = (e: Omit<Envelope, 'mac'>): string => JSON.stringify([e.from, e.to, e.kind, e.epoch, e.seq, e.t, e.body]);
