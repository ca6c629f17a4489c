// The host's audit log: append-only JSON lines, rotated at a size bound, that survives a crash and a full disk.
// One file spans runs: each run begins with a `run started` marker (wall-clock time, board, seed, command), and
// every entry carries its run and the wall-clock time it was written; `t` is simulated ms since that run began.
// Operator inputs (presses, deck requests, injected faults, resets, time controls) are entries too, with their
// source, so the log answers who pressed what, and when.
import * as fs from 'node:fs';
import type { ControllerReport } from '../../firmware/controller';
import { makeDirs } from '../../sim/make-dirs';

export interface AuditFileOptions {
  path: string;
  /** Rotate when the file would grow past this many bytes (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept: path.1 (newest) … path.N (default 3). */
  keep?: number;
  /** Told once when writing fails (full or read-only disk); the log then drops entries and keeps trying. */
  onError?(error: Error): void;
  /** The file system (default node:fs); tests pass one that fails like a full disk. */
  fs?: FileSystem;
  /** The wall clock each entry is stamped with (default the system's). */
  now?: () => Date;
  /** A node's name, stamped on every entry (`npm run node`): whose log a line is, even in a shared file. */
  node?: string;
}

export type FileSystem = Pick<typeof fs, 'appendFileSync' | 'existsSync' | 'readFileSync' | 'renameSync' | 'mkdirSync' | 'statSync'>;

/** What started a run, for its marker (a node's run has no seed: its world is restored from its last run). */
export interface RunStart { board: string; seed?: number; command: string; speed?: number }

/** An operator's input: where it came from (`keyboard`, `web 127.0.0.1`), what it asked, and what it did. */
export interface OperatorInput { t: number; source: string; input: string; answer: string; ok?: boolean }

export class AuditFile {
  /** This run's name in every entry: the wall-clock time it started (ISO 8601, UTC). */
  run: string | undefined;
  private size = 0;
  private failing = false;
  /** Entries that could not be written. */
  dropped = 0;

  private readonly fs: FileSystem;

  constructor(private readonly o: AuditFileOptions) {
    this.fs = o.fs ?? fs;
    try {
      const dir = o.path.slice(0, Math.max(o.path.lastIndexOf('/'), 0));
      if (dir) makeDirs(dir, this.fs);
      // Only a regular file is read back: a device such as /dev/full or /dev/zero never ends.
      const regular = this.fs.existsSync(o.path) && this.fs.statSync(o.path).isFile();
      const text = regular ? this.fs.readFileSync(o.path, 'utf8') : '';
      this.size = Buffer.byteLength(text);
      // A crash mid-write leaves a torn last line: end it so the next entry starts clean (readers skip it).
      if (text.length > 0 && !text.endsWith('\n')) this.write('\n');
    } catch (error) { this.fail(error as Error); }
  }

  /** Writes the run's start marker; every later entry names this run. */
  startRun(start: RunStart): void {
    this.run = this.wall();
    this.entry({ kind: 'run started', run: this.run, at: this.run, pid: process.pid, ...start, t: 0, note: 't is simulated ms since this run started' });
  }

  /** Records an operator's input and what came of it. */
  operator(input: OperatorInput): void {
    this.entry({ t: input.t, kind: 'operator', run: this.run, at: this.wall(), source: input.source, input: input.input, answer: input.answer, ...(input.ok === false ? { ok: false } : {}) });
  }

  /** Records a report; `marks` add fields (a node's `expected: 'recovery'`, so expected recovery does not read as a fault). */
  append(report: ControllerReport, marks?: object): void {
    this.entry({ ...report, ...marks, run: this.run, at: this.wall() });
  }

  private wall(): string { return (this.o.now?.() ?? new Date()).toISOString(); }

  private entry(fields: object): void {
    const line = JSON.stringify(this.o.node === undefined ? fields : { node: this.o.node, ...fields }) + '\n';
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > (this.o.maxBytes ?? 1 << 20)) this.rotate();
    if (!this.write(line)) this.dropped++;
  }

  private write(text: string): boolean {
    try {
      this.fs.appendFileSync(this.o.path, text);
      this.size += Buffer.byteLength(text);
      this.failing = false;
      return true;
    } catch (error) {
      this.fail(error as Error);
      return false;
    }
  }

  private rotate(): void {
    const keep = this.o.keep ?? 3;
    try {
      const path = this.o.path;
      for (let i = keep - 1; i >= 1; i--) if (this.fs.existsSync(`${path}.${i}`)) this.fs.renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      this.fs.renameSync(path, `${path}.1`);
      this.size = 0;
    } catch (error) { this.fail(error as Error); }
  }

  private fail(error: Error): void {
    if (!this.failing) this.o.onError?.(error);
    this.failing = true;
  }
}

/** Why `path` cannot be an audit log (its folder cannot be made, or it cannot be appended to), or undefined. */
export function auditPathProblem(path: string, fsys: FileSystem & Pick<typeof fs, 'appendFileSync'> = fs): string | undefined {
  try {
    const dir = path.slice(0, Math.max(path.lastIndexOf('/'), 0));
    if (dir) makeDirs(dir, fsys);
    fsys.appendFileSync(path, '');
    return undefined;
  } catch (e) { return (e as Error).message; }
}

export interface AuditReading { entries: ControllerReport[]; torn: number }

/** Reads a log back, skipping (and counting) torn or garbled lines instead of failing. */
export function readAuditFile(path: string): AuditReading {
  const entries: ControllerReport[] = [];
  let torn = 0;
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    try { entries.push(JSON.parse(line) as ControllerReport); } catch { torn++; }
  }
  return { entries, torn };
}
