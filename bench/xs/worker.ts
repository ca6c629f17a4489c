// Runs scripts in Moddable's XS engine on the host: @agoric/xsnap's xsnap-worker, spawned directly and spoken to
// in its netstring protocol, so Node's own intrinsics stay untouched (no @endo/init lockdown in this process).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** What one evaluation answered: the script's reply (an ArrayBuffer, decoded as UTF-8) and XS's meter report. */
export interface XsReply {
  text: string;
  /** Heap slots in use when the evaluation finished (`currentHeapCount`). */
  heapCount: number;
  /** XS's meter for the evaluation (`compute`): bytecodes run, plus some built-ins' own counts. Exact, unlike time. */
  compute: number;
}

/** The worker binary that @agoric/xsnap built when it installed. */
function xsnapWorkerPath(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('@agoric/xsnap/package.json'));
  const os = process.platform === 'darwin' ? 'mac' : 'lin';
  const bin = join(pkg, 'xsnap-native', 'xsnap', 'build', 'bin', os, 'release', 'xsnap-worker');
  if (!existsSync(bin)) throw new Error(`xsnap-worker is not built at ${bin} (npm rebuild @agoric/xsnap)`);
  return bin;
}

/** The XS version the worker was built from, read from the engine's sources that @agoric/xsnap ships. */
export function xsVersion(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('@agoric/xsnap/package.json'));
  const header = readFileSync(join(pkg, 'moddable', 'xs', 'sources', 'xsCommon.h'), 'utf8');
  const part = (name: string) => new RegExp(`#define XS_${name}_VERSION (\\d+)`).exec(header)?.[1] ?? '?';
  return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
}

const OK = 0x2e, ERROR = 0x21, QUERY = 0x3f; // '.', '!', '?'

/** One XS machine in a child process. Evaluations run one at a time, in the order they were asked for. */
export class XsWorker {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve(r: XsReply): void; reject(e: Error): void }[] = [];
  private exited: Error | undefined;
  private readonly output: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    const fromXs = child.stdio[4] as Readable;
    fromXs.on('data', (chunk: Buffer) => { this.buffer = Buffer.concat([this.buffer, chunk]); this.drain(); });
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    const gone = (error: Error) => {
      this.exited = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    child.on('error', gone);
    child.on('exit', (code, signal) => gone(new Error(`xsnap-worker exited (${signal ?? `code ${code}`})${this.printed ? `:\n${this.printed}` : ''}`)));
  }

  /** Starts a worker with no computation limit (xsnap's `meteringLimit: 0`: no `-l` argument). */
  static start(name = 'launch-bay'): XsWorker {
    const child = spawn(xsnapWorkerPath(), [name], { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'ignore', 'ignore', 'ignore', 'ignore'] });
    return new XsWorker(child);
  }

  /** The worker's process id (to read its CPU time from /proc). */
  get pid(): number | undefined { return this.child.pid; }

  /** What the scripts printed (XS's `print`, and the console the bundles are given). */
  get printed(): string { return this.output.join(''); }

  /**
   * Evaluates a script as a global `eval`. The reply is the script's value when it is an ArrayBuffer (see
   * `replyScript`), else empty; an uncaught exception rejects with its text.
   */
  evaluate(code: string): Promise<XsReply> {
    if (this.exited) return Promise.reject(this.exited);
    const body = Buffer.from(`e${code}`, 'utf8');
    (this.child.stdio[3] as Writable).write(Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Ends the worker and waits for it to go. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    (this.child.stdio[3] as Writable).end();
    await gone;
  }

  // Netstrings: `<length>:<bytes>,`. A reply is `.` + meter JSON + \x01 + bytes, or `!` + the error's text.
  private drain(): void {
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('latin1'));
      if (this.buffer.length < colon + 1 + length + 1) return;
      const message = this.buffer.subarray(colon + 1, colon + 1 + length);
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
      this.receive(Buffer.from(message));
    }
  }

  private receive(message: Buffer): void {
    if (message[0] === QUERY) { // the script called issueCommand: nothing here answers, so echo an empty reply
      (this.child.stdio[3] as Writable).write('1:/,');
      return;
    }
    const waiter = this.waiting.shift();
    if (!waiter) return;
    if (message[0] === ERROR) { waiter.reject(new Error(`XS: ${message.subarray(1).toString('utf8')}${this.printed ? `\nprinted:\n${this.printed}` : ''}`)); return; }
    if (message[0] !== OK) { waiter.reject(new Error(`xsnap protocol: unexpected reply ${message.subarray(0, 40).toString('utf8')}`)); return; }
    const separator = message.indexOf(1, 1);
    const meter = separator > 0 ? JSON.parse(message.subarray(1, separator).toString('utf8')) as { currentHeapCount: number; compute: number } : { currentHeapCount: NaN, compute: NaN };
    waiter.resolve({ text: message.subarray(separator > 0 ? separator + 1 : 1).toString('utf8'), heapCount: meter.currentHeapCount, compute: meter.compute });
  }
}

/** Wraps an expression so its value, as JSON, is the evaluation's reply. */
export const replyScript = (expression: string): string =>
  `(() => { const value = (${expression}); return new TextEncoder().encode(JSON.stringify(value === undefined ? null : value)).buffer; })()`;
