// Two node processes on a serial link (a pty pair each, joined by the test, which plays the wire and the attacker):
// a frame with a valid CRC but bytes that are not UTF-8, or a sender named `constructor`, is refused and counted,
// and every genuine frame after it still gets through.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame } from '../../firmware/net/framing';
import { utf8 } from '../../firmware/net/sha256';
import { logged, provision, runNode, stillUp, until, type Proc } from './harness';

const hasSocat = spawnSync('socat', ['-V']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'launchbay-serial-'));
const NODES = ['bridge', 'bay'];
const socats: ChildProcess[] = [];
const wires: { [node: string]: SerialPort } = {};
const procs: { [node: string]: Proc } = {};

async function openWire(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('error', () => {});
  return port;
}

beforeAll(async () => {
  if (!hasSocat) return;
  for (const n of NODES) {
    socats.push(spawn('socat', [`pty,raw,echo=0,link=${join(dir, n)}`, `pty,raw,echo=0,link=${join(dir, `${n}-wire`)}`], { stdio: 'ignore' }));
  }
  await until('the ptys', () => NODES.every((n) => existsSync(join(dir, n)) && existsSync(join(dir, `${n}-wire`))), 5000);
  for (const n of NODES) wires[n] = await openWire(join(dir, `${n}-wire`));
  // The wire: whatever one node sends, the other hears (an RS-485 bus of two).
  wires.bridge.on('data', (b: Buffer) => wires.bay.write(b));
  wires.bay.on('data', (b: Buffer) => wires.bridge.write(b));
  provision(NODES.map((n) => `sim-${n}`), join(dir, 'keys'));
  for (const n of NODES) {
    procs[n] = runNode(['--board', `sim-${n}`, '--serial', join(dir, n), '--keys', join(dir, 'keys', `${n}.json`), '--state-dir', join(dir, 'state'), '--speed', '20']);
  }
  await until('both nodes started', () => NODES.every((n) => procs[n].status?.started), 40_000);
}, 60_000);

afterAll(async () => {
  for (const p of Object.values(procs)) p.child.kill('SIGKILL');
  for (const w of Object.values(wires)) if (w.isOpen) await new Promise((r) => w.close(r));
  for (const s of socats) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSocat)('two nodes on a serial pty link (socat)', () => {
  it('refuses a non-UTF-8 frame with a valid CRC and a `constructor` sender, and keeps taking genuine frames', async () => {
    const bay = () => procs.bay.status!;
    const before = { ...bay(), rejected: { ...bay().rejected } };
    const hostile = [
      frame(new Uint8Array([0xff, 0xbf, 0xbf, 0xbf])),
      frame(utf8(JSON.stringify({ from: 'constructor', to: '*', kind: 'report', epoch: 1, seq: 1, t: 0, body: { machines: {}, facts: {}, heard: {} }, macs: { bay: [1, 'ab'.repeat(32)] } }))),
    ];
    for (let i = 0; i < 4; i++) for (const f of hostile) { wires.bay.write(Buffer.from(f)); await new Promise((r) => setTimeout(r, 30)); }
    await until('the bad frames counted', () => bay().badTransport >= before.badTransport + 4 && bay().rejected['unknown sender'] >= before.rejected['unknown sender'] + 4, 5000);
    // Genuine reports keep arriving: a heartbeat is 50 ms at speed 20, so dozens within two seconds.
    const accepted = bay().accepted;
    await until('genuine frames after the garbage', () => bay().accepted >= accepted + 8, 5000);
    for (const n of NODES) expect(await stillUp(procs[n]), `${n} up`).toBe(true);
    expect(bay().machines['bay door'].state).toBe('closed');
    expect(bay().machines['bay environment'].state).toBe('friendly');
    expect(procs.bridge.status!.machines['battle deck'].state).toBe('relaxed');
    expect(logged(procs.bay, /rejected message from constructor: unknown sender/)).toBe(true);
  }, 60_000);
});
