// What a node keeps across reboots (its own epoch, and the last (epoch, seq) it accepted from each peer), behind a
// small store of named records: files written then renamed on the host, `Preference` on a Moddable board.

/** Small named records of text. `get` is undefined for a record never written (or lost); `put` replaces a record
 * whole or not at all (atomic), and may throw if the medium fails. */
export interface NodeStateStore {
  get(name: string): string | undefined;
  put(name: string, value: string): void;
}

/** A store in memory: the simulator's flash, kept by the cluster across a node's power cycles. */
export class MemoryStateStore implements NodeStateStore {
  private readonly records = new Map<string, string>();
  get(name: string): string | undefined { return this.records.get(name); }
  put(name: string, value: string): void { this.records.set(name, value); }
  delete(name: string): void { this.records.delete(name); }
}

export const EPOCH_RECORD = 'epoch';
export const PEERS_RECORD = 'peers';

export type BootEpoch = { epoch: number; lost?: undefined } | { epoch: number; lost: string };

/** This boot's epoch: the stored one plus one, stored before anything is sent. A missing or unreadable record is
 * reported as `lost`; the node then boots provisionally and learns its real epoch from its peers (link.ts). */
export function bootEpoch(store: NodeStateStore): BootEpoch {
  const text = store.get(EPOCH_RECORD);
  const n = text === undefined ? NaN : Number(text.trim());
  const valid = text !== undefined && /^\s*\d{1,15}\s*$/.test(text) && Number.isSafeInteger(n + 1);
  const epoch = valid ? n + 1 : 1;
  store.put(EPOCH_RECORD, String(epoch));
  if (valid) return { epoch };
  return { epoch, lost: text === undefined ? 'no epoch record' : `unreadable epoch record ${JSON.stringify(text.slice(0, 32))}` };
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
