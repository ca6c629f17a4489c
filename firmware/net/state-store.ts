// What a node keeps across reboots (its own epoch, and the last (epoch, seq) it accepted from each peer), behind a
// small store of named records: files written then renamed on the host, `Preference` on a Moddable board.

/** Small named records of text. `get` is undefined for a record never written (or lost); `put` replaces a record
 * whole or not at all (atomic), and may throw if the medium fails. */
export interface NodeStateStore {
  /** Where the records are (a folder, a Preference domain): named in every message about a failed write. */
  readonly where?: string;
  get(name: string): string | undefined;
  put(name: string, value: string): void;
}

/** A store in memory: the simulator's flash, kept by the cluster across a node's power cycles. */
export class MemoryStateStore implements NodeStateStore {
  readonly where = 'the simulated flash';
  /** Set, every write fails with this message (a full or read-only medium); unset, writes work again. */
  refuse: string | undefined;
  private readonly records = new Map<string, string>();
  get(name: string): string | undefined { return this.records.get(name); }
  put(name: string, value: string): void {
    if (this.refuse !== undefined) throw new Error(this.refuse);
    this.records.set(name, value);
  }
  delete(name: string): void { this.records.delete(name); }
}

export const EPOCH_RECORD = 'epoch';
const PEERS_RECORD = 'peers';

export type StoredEpoch = { epoch: number; lost?: undefined } | { epoch: 0; lost: string };

/** The last epoch this node stored: where its next boot starts from, never trusted as its current one (a record
 * restored from an older copy looks valid). A missing or unreadable record is reported as `lost`, as epoch 0. Its
 * peers prove how far it had really come (own-epoch.ts); nothing is written here. */
export function storedEpoch(store: NodeStateStore): StoredEpoch {
  const text = store.get(EPOCH_RECORD);
  const n = text === undefined ? NaN : Number(text.trim());
  if (text !== undefined && /^\s*\d{1,15}\s*$/.test(text) && Number.isSafeInteger(n + 1)) return { epoch: n };
  return { epoch: 0, lost: text === undefined ? 'no epoch record' : `unreadable epoch record ${JSON.stringify(text.slice(0, 32))}` };
}

/** Writes the epoch and reads it back: throws, saying what came back, unless the store now holds exactly it. */
export function persistEpoch(store: NodeStateStore, epoch: number): void {
  store.put(EPOCH_RECORD, String(epoch));
  const back = store.get(EPOCH_RECORD);
  if (back !== String(epoch)) throw new Error(`wrote ${epoch}, read back ${back === undefined ? 'nothing' : JSON.stringify(back.slice(0, 32))}`);
}

/** The stored last-accepted (epoch, seq) per peer, each kept under a fingerprint of the key it was accepted with:
 * a window whose pair key has changed since (the deployment was provisioned again) belongs to another key and is
 * dropped, as is anything unreadable. Dropping one is safe: the receiver-bound MACs keep replays out without it
 * (docs/PROTOCOL.md); keeping one would lock out a re-provisioned peer that starts again from epoch 1. */
export function loadPeers(store: NodeStateStore, fingerprints: Map<string, string>): Map<string, [number, number]> {
  const heard = new Map<string, [number, number]>();
  let parsed: unknown;
  try { parsed = JSON.parse(store.get(PEERS_RECORD) ?? '{}'); } catch { return heard; }
  if (typeof parsed !== 'object' || parsed === null) return heard;
  for (const [peer, fingerprint] of fingerprints) {
    const v = Object.prototype.hasOwnProperty.call(parsed, peer) ? (parsed as { [k: string]: unknown })[peer] : undefined;
    if (Array.isArray(v) && v.length === 3 && Number.isSafeInteger(v[0]) && Number.isSafeInteger(v[1]) && v[0] >= 1 && v[1] >= 0 && v[2] === fingerprint) heard.set(peer, [v[0], v[1]]);
  }
  return heard;
}

export function savePeers(store: NodeStateStore, heard: Map<string, [number, number]>, fingerprints: Map<string, string>): void {
  const record: { [peer: string]: [number, number, string] } = {};
  for (const [peer, v] of heard) record[peer] = [v[0], v[1], fingerprints.get(peer) ?? ''];
  store.put(PEERS_RECORD, JSON.stringify(record));
}
