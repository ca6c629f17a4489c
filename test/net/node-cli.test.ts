// `npm run node`'s command line: every option checked (exit 2 with the usage), --help documents every option and
// the stdin commands, and a node reads no board file but its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNodeArgs, usage } from '../../scripts/lib/node-options';
import { provision } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'launchbay-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/node.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
const base = ['--board', 'sim-bay', '--broker', 'mqtt://127.0.0.1:1883'];

describe('npm run node: options', () => {
  for (const [what, args, message] of [
    ['a zero heartbeat', [...base, '--heartbeat', '0'], /--heartbeat "0": expected a whole number from 100 to 60000/],
    ['a heartbeat that is not a number', [...base, '--heartbeat', 'abc'], /--heartbeat "abc"/],
    ['a zero speed', [...base, '--speed', '0'], /--speed "0": expected a number from 0.1 to 1000/],
    ['an unknown flag', [...base, '--turbo', '1'], /unknown option --turbo/],
    ['a flag without its value', [...base, '--speed'], /--speed needs a value/],
    ['a flag given twice', [...base, '--speed', '2', '--speed', '3'], /--speed given twice/],
    ['a stray argument', [...base, 'extra'], /unexpected argument "extra"/],
    ['no board', ['--broker', 'mqtt://127.0.0.1:1883'], /--board is required/],
    ['both transports', [...base, '--serial', '/dev/null'], /at most one of --broker and --serial/],
    ['a broker that is not a URL', ['--board', 'sim-bay', '--broker', 'localhost'], /expected mqtt:\/\/host:port/],
  ] as const) {
    it(`refuses ${what}, saying which option and why`, () => {
      expect(() => parseNodeArgs([...args])).toThrow(message);
    });
  }

  it('takes its broker from the board file, and exits 2 when the board names none and no --broker or --serial is given', () => {
    const r = node(['--board', 'sim']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('boards/sim.json names no MQTT transport: give --broker or --serial');
    expect(parseNodeArgs(['--board', 'sim-bay']).broker).toBeUndefined();
  });

  it('exits 2 with the reason and the usage, from the command line too', () => {
    const r = node([...base, '--heartbeat', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--heartbeat "0"/);
    expect(r.stderr).toContain('usage: npm run node');
  });

  it('documents every option and every stdin command in --help, and the README carries the same', () => {
    const r = node(['--help']);
    expect(r.status).toBe(0);
    const readme = readFileSync('README.md', 'utf8');
    for (const option of ['--board', '--broker', '--serial', '--baud', '--keys', '--state-dir', '--speed', '--heartbeat', '--audit-log', '--json', '--help']) {
      expect(r.stdout, option).toContain(option);
      expect(readme, option).toContain(option);
    }
    for (const command of ['"press"', '"request"', '"reset"', '"status"', '"jam"', '"leak"', '"sensorFault"', '"pumpDead"']) { expect(r.stdout).toContain(command); expect(readme).toContain(command); }
    expect(r.stdout).toBe(`${usage}\n`);
  });

  it('exits 2 at once for an audit log it can never write, before it tries the broker', () => {
    provision(['sim-bridge', 'sim-bay'], join(dir, 'keys-audit'));
    for (const path of ['/proc/nope/x', dir]) {
      const r = node(['--board', 'sim-bay', '--broker', 'mqtt://127.0.0.1:1', '--keys', join(dir, 'keys-audit', 'bay.json'), '--state-dir', join(dir, 'state'), '--audit-log', path]);
      expect(r.status, path).toBe(2);
      expect(r.stderr, path).toContain(`--audit-log ${path}: cannot write it (`);
      expect(r.stderr, path).not.toMatch(/did not answer/);
    }
  });

  it('reads no board file but its own, and exits 2 naming a bad provisioning file', () => {
    provision(['sim-bridge', 'sim-bay'], join(dir, 'keys'));
    const trace = join(dir, 'trace.cjs');
    // Logs every boards/ file the process opens.
    writeFileSync(trace, `const fs = require('node:fs'); const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (String(p).includes('boards')) process.stderr.write('READ ' + p + '\\n'); return read.call(this, p, ...rest); };`);
    const r = node(['--board', 'sim-bay', '--serial', join(dir, 'no-such-tty'), '--keys', join(dir, 'keys', 'bay.json'), '--state-dir', join(dir, 'state')], { NODE_OPTIONS: `--require ${trace}` });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot open .*no-such-tty/);
    const read = r.stderr.split('\n').filter((l) => l.startsWith('READ ')).map((l) => l.replace(/^.*boards\//, ''));
    expect(read.length).toBeGreaterThan(0);
    expect(new Set(read)).toEqual(new Set(['sim-bay.json', 'mcu/sim.json']));
    writeFileSync(join(dir, 'keys', 'broken.json'), '{"node":"bay","keys":{"bridge":"nothex"},"directory":{}}');
    const bad = node(['--board', 'sim-bay', '--serial', join(dir, 'no-such-tty'), '--keys', join(dir, 'keys', 'broken.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json: keys\.bridge: not 64 hex digits/);
  });
});
