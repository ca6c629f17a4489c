// A pseudo-terminal pair from socat (Debian package `socat`): two serial paths joined back to back, one for the
// board (simulated or emulated), one for the host. Closing it is pulling the USB cable; opening it again on the same
// paths is plugging it back in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The board's end. */
  readonly board: string;
  /** The host's end: what `--port` names. */
  readonly host: string;
  /** Ends socat: both paths go away, and whoever has them open sees the line close. */
  close(): Promise<void>;
}

async function until(condition: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** Every socat this process started and has not ended: ended with it, even when it exits on an error. */
const running = new Set<ChildProcess>();
process.once('exit', () => { for (const s of running) s.kill('SIGTERM'); });

/** A new pair in a fresh temporary folder, or on `paths` (to bring a closed pair back where it was). */
export async function openPtyPair(paths?: { board: string; host: string }): Promise<PtyPair> {
  const dir = paths ? undefined : mkdtempSync(join(tmpdir(), 'bench-pty-'));
  const board = paths?.board ?? join(dir!, 'board'), host = paths?.host ?? join(dir!, 'host');
  if (paths) mkdirSync(join(board, '..'), { recursive: true });
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${board}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  running.add(socat);
  socat.once('exit', () => running.delete(socat));
  let failed: Error | undefined;
  socat.on('error', (e) => { failed = new Error(`socat did not start (${e.message}): install Debian's socat package`); });
  const ready = await until(() => failed !== undefined || (existsSync(board) && existsSync(host)), 10_000);
  const close = async () => {
    if (socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill('SIGTERM');
      await exited;
    }
    // socat removes its links as it ends; a folder of our own goes too.
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  if (failed || !ready) { await close(); throw failed ?? new Error('socat made no pty pair within 10 s'); }
  return { board, host, close };
}
