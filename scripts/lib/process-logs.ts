// The output of the processes a tool started, kept as files: what `mixed-cluster --keep` leaves to read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A started process's name and every line it printed (stderr lines marked `stderr: `). */
export interface ProcessLines { name: string; lines: readonly string[] }

/** Writes each process's lines to `<dir>/logs/<name>.log`; returns the logs folder. */
export function writeLogs(dir: string, procs: readonly ProcessLines[]): string {
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  for (const p of procs) writeFileSync(join(logs, `${p.name}.log`), p.lines.length ? `${p.lines.join('\n')}\n` : '');
  return logs;
}
