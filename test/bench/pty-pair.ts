// A pseudo-terminal pair from socat: two serial paths joined back to back, one for the simulated board, one for the host.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './real-time';

export interface PtyPair {
  /** The simulated board's end. */
  readonly board: string;
  /** The host's end: what `--port` names. */
  readonly host: string;
  close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pty-'));
  const board = join(dir, 'board'), host = join(dir, 'host');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${board}`, `pty,raw,echo=0,link=${host}`], { stdio: 'ignore' });
  let failed: Error | undefined;
  socat.on('error', (e) => { failed = new Error(`socat did not start (${e.message}): install Debian's socat package`); });
  const ready = await until(() => failed !== undefined || (existsSync(board) && existsSync(host)), 5000);
  const close = async () => {
    if (socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (failed || !ready) { await close(); throw failed ?? new Error('socat made no pty pair within 5 s'); }
  return { board, host, close };
}
