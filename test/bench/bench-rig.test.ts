// `npm run bench:rig` starts the imitation board alone on a pty, as docs/BENCH.md says, and the bench connects to it
// at the path it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { connectBench, type BenchConnection } from '../../hal/providers/bench';
import { until } from './real-time';

let child: ChildProcess | undefined, code: number | null | undefined, connection: BenchConnection | undefined;
afterEach(async () => {
  await connection?.close();
  // SIGTERM first, so it ends its socat and its emulator; SIGKILL only if it will not go.
  if (child && code === undefined) { child.kill('SIGTERM'); if (!(await until(() => code !== undefined, 10_000))) child.kill('SIGKILL'); await until(() => code !== undefined, 10_000); }
  child = connection = undefined; code = undefined;
});

function rig(...args: string[]): { out: string[]; err: string[] } {
  code = undefined;
  const c = child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-rig.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const io = { out: [] as string[], err: [] as string[] };
  c.stdout!.on('data', (b: Buffer) => io.out.push(b.toString()));
  c.stderr!.on('data', (b: Buffer) => io.err.push(b.toString()));
  c.on('exit', (n) => { code = n; });
  return io;
}

describe('npm run bench:rig', () => {
  it('puts the imitation Mega on a pty and says the bench:board command that opens it', async () => {
    const io = rig('--board', 'arduino-mega');
    expect(await until(() => io.out.join('').includes('in another terminal'), 20_000), io.err.join('')).toBe(true);
    const port = /--port (\S+)/.exec(io.out.join(''))![1]!;
    expect(io.out.join('')).toContain(`npm run bench:board -- --board arduino-mega --port ${port}`);
    connection = await connectBench(port, { askAfterMs: 20, timeoutMs: 10_000 });
    expect(connection.io.pins.length).toBe(70);
    child!.kill('SIGTERM');
    expect(await until(() => code !== undefined, 10_000)).toBe(true);
    expect(code).toBe(0);
  });

  it('refuses a board that does not run StandardFirmata, naming its chip', async () => {
    const io = rig('--board', 'pico', '--emulate');
    expect(await until(() => code !== undefined, 20_000)).toBe(true);
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('board "pico" is not a bench board (its chip, rp2040, does not run StandardFirmata)');
  });
});
