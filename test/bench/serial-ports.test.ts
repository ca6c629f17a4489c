// `bench:board --list` finds the ports itself, with no udev to ask: the device nodes a USB serial board makes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePorts, serialNodes } from '../../scripts/lib/serial-ports';

let dir: string | undefined;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = undefined; });

function fakeDev(...names: string[]): string {
  dir = mkdtempSync(join(tmpdir(), 'fake-dev-'));
  for (const n of names) writeFileSync(join(dir, n), '');
  return dir;
}

describe('the serial ports a bench board may be on', () => {
  it('are the ttyACM and ttyUSB nodes, in number order, and nothing else', () => {
    const dev = fakeDev('ttyACM10', 'ttyACM2', 'ttyUSB0', 'ttyS0', 'tty1', 'null', 'ttyACM');
    expect(serialNodes(dev)).toEqual([join(dev, 'ttyACM2'), join(dev, 'ttyACM10'), join(dev, 'ttyUSB0')]);
  });

  it('are listed one a line on Linux', async () => {
    const dev = fakeDev('ttyUSB0', 'ttyACM0');
    expect(await describePorts('linux', dev)).toBe(`${join(dev, 'ttyACM0')}\n${join(dev, 'ttyUSB0')}`);
  });

  it('are said to be none, naming where it looked, when no board is plugged in', async () => {
    const dev = fakeDev('ttyS0', 'null');
    expect(await describePorts('linux', dev)).toBe(`no serial ports found (looked for ${dev}/ttyACM* and ${dev}/ttyUSB*): is the board plugged in?`);
  });
});
