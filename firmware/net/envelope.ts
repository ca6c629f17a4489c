// The signed envelope every message travels in, whatever the transport (in-process bus, MQTT, RS-485), and the
// exact text each recipient's MAC covers.

/** Reports and commands carry the bay; a challenge and its answers prove a booting node's epoch (own-epoch.ts). */
export type MessageKind = 'report' | 'command' | 'challenge' | 'answer';

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
  body: ReportBody | CommandBody | ChallengeBody | AnswerBody;
  /** One MAC per recipient, under the key the sender shares with that recipient alone: `[the recipient's epoch as
   * the sender knows it (0: not yet known), HMAC-SHA256 hex]`. Binding the recipient's epoch makes anything
   * recorded before the recipient's last boot worthless to it. */
  macs: { [recipient: string]: [number, string] };
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

/** A node's challenge to every peer at boot: 16 random bytes of its own, as 32 hex digits. */
export interface ChallengeBody { nonce: string }
/** A peer's answer, to the challenger alone: its nonce echoed, the challenger's epoch this peer binds to (0: none
 * known) and the last seq it accepted from it in that epoch. */
export interface AnswerBody { nonce: string; epoch: number; seq: number }

export type Unsigned = Omit<Envelope, 'macs'>;

/** Every field but the MACs, in a fixed order: computed once per message, whatever the number of recipients. */
export const canonical = (e: Unsigned): string => JSON.stringify([e.from, e.to, e.kind, e.epoch, e.seq, e.t, e.body]);

/** The exact text one recipient's MAC covers: the message, the recipient, and the recipient's epoch. */
export const boundText = (canonicalText: string, recipient: string, recipientEpoch: number): string =>
  `${canonicalText}|${recipient}|${recipientEpoch}`;

/** Bounds a receiver checks before it walks anything: sizes in UTF-16 code units of the received text. */
export const LIMITS = {
  /** The whole message (a six-node report is under 1.5 KB). */
  text: 8192,
  /** Nesting of arrays and objects, counted on the raw text before it is parsed. */
  depth: 6,
  /** Names: nodes, machines, events, facts. */
  name: 64,
  /** Entries in any one map of a body (machines, facts, heard, macs). */
  entries: 32,
} as const;
