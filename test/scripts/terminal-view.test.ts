// `npm start` on a real 80×24 pseudo-terminal (util-linux's `script`): no line wider than 80 columns, no frame
// taller than the screen, every machine visible, the buttons' meanings in the footer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { renderScreen } from '../../views/terminal/screen';
import { createSimWorld } from '../../sim/world';

const SCRIPT = '/usr/bin/script';
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

describe('the terminal view', () => {
  it.skipIf(!existsSync(SCRIPT))('fits 80x24 under a pseudo-terminal, every machine on its own line', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'tty-')), 'audit.jsonl');
    const command = `stty cols 80 rows 24; exec ${process.execPath} --import tsx scripts/start.ts --duration 20 --speed 20 --audit-log ${log}`;
    const r = spawnSync(SCRIPT, ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000, input: '' });
    expect(r.status).toBe(0);
    const frames = r.stdout.split('\x1b[H\x1b[2J').slice(1).map(strip);
    expect(frames.length).toBeGreaterThan(3);
    const last = frames[frames.length - 1].replace(/\n+$/, '');
    const lines = last.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23); // the frame's own newline takes the 24th row: nothing scrolls
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^Launch bay {2}t 00:00:\d\d\.\d {2}x20 {2}sim$/);
    for (const name of ['Deck', 'Door E', 'Bay', 'Airlk A', 'Airlk B', 'Airlk C', 'Airlk D']) expect(lines.some((l) => l.startsWith(`${name} `)), name).toBe(true);
    expect(last).toContain('Buttons: 1 bay side, 2 inside → outer door; 3 inside, 4 ship side → inner door');
  });

  it('shows the detailed view on a wide terminal, and the compact one on a narrow one', () => {
    const world = createSimWorld({ board: loadBoard('sim'), seed: 1 });
    const state = { speed: 1, paused: false, message: '', recent: [] };
    const wide = renderScreen(world, state, false, { columns: 160, rows: 50 });
    const narrow = renderScreen(world, state, false, { columns: 80, rows: 24 });
    world.stop();
    expect(wide).toMatch(/^Airlock B +closed pressurized +goal - +chamber 101\.3 kPa/m);
    expect(wide).toMatch(/outer \[\.+\] +0% +inner/);
    expect(narrow).toMatch(/^Airlk B {2}closed pressurized +→- +101\.3kPa o {2}0% i {2}0%/m);
    expect(Math.max(...narrow.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
  });

  it('says "bay door jammed", not "bay door door jammed"', async () => {
    const { handleKey } = await import('../../views/terminal/keys');
    const world = createSimWorld({ board: loadBoard('sim'), seed: 1 });
    const pending = { jam: false };
    handleKey(world, 'j', pending);
    expect(handleKey(world, 'e', pending)).toBe('bay door jammed');
    handleKey(world, 'j', pending);
    expect(handleKey(world, 'b', pending)).toBe('airlock B outer door jammed');
    world.stop();
  });
});
