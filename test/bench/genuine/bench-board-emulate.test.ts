// `npm run bench:board -- --board arduino-uno --emulate` as an engineer runs it without a board: the genuine
// StandardFirmata on an emulated Uno, beside the simulated bay, driven from the keyboard and read from its timeline.
// Takes about 5–20 s of wall time (the emulator's boot and handshake, a 3 s door), up to a minute on a loaded machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../real-time';

let child: ChildProcess | undefined, code: number | null | undefined;
afterEach(async () => {
  // SIGTERM first, so it ends its socat and its emulator; SIGKILL only if it will not go.
  if (child && code === undefined) { child.kill('SIGTERM'); if (!(await until(() => code !== undefined, 10_000))) child.kill('SIGKILL'); await until(() => code !== undefined, 10_000); }
  child = undefined; code = undefined;
});

describe('npm run bench:board -- --emulate', () => {
  it('runs airlock A on the emulated Uno, answers key 2 as its button 2, and cleans up on SIGTERM', async () => {
    const c = child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-board.ts', '--board', 'arduino-uno', '--emulate', '--timeline'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: string[] = [], err: string[] = [];
    c.stdout!.on('data', (b: Buffer) => out.push(b.toString()));
    c.stderr!.on('data', (b: Buffer) => err.push(b.toString()));
    c.on('exit', (n) => { code = n; });
    const said = (text: string) => () => out.join('').includes(text);
    expect(await until(said('power off → closed pressurized'), 90_000), `${out.join('')}${err.join('')}`).toBe(true);
    expect(out.join('')).toMatch(/board arduino-uno on \S+ \(StandardFirmata\.ino 2\.4\), beside the simulated airlock-b, airlock-c, airlock-d, bay, bridge/);
    const port = /genuine StandardFirmata on (\S+)/.exec(out.join(''))![1]!;
    expect(existsSync(port)).toBe(true);
    // Key 2 is airlock A's button 2, pressed on the emulated rig, and the airlock answers: to the friendly bay it opens
    // its outer door at once. (On a heavily loaded machine the bay node's report can be stale at that instant;
    // unknown counts as hostile, and the airlock then starts emptying its chamber instead: as right, and slower.)
    c.stdin!.write('2');
    expect(await until(() => said('closed pressurized → opening outer')() || said('closed pressurized → depressurizing')(), 20_000), out.join('')).toBe(true);
    if (said('closed pressurized → opening outer')()) expect(await until(said('opening outer → outer open friendly'), 30_000), out.join('')).toBe(true);
    c.kill('SIGTERM');
    expect(await until(() => code !== undefined, 20_000)).toBe(true);
    expect(code).toBe(0);
    // The pty pair went with it.
    expect(existsSync(port)).toBe(false);
  });
});
