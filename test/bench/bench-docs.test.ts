// docs/BENCH.md's wiring tables are generated from the bench boards' files and must not drift from them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchBoards, benchDocs, wiringTable } from '../../scripts/lib/bench-docs';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';

const page = readFileSync(new URL('../../docs/BENCH.md', import.meta.url), 'utf8');
const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { [name: string]: string } }).scripts;

describe('docs/BENCH.md', () => {
  it('is up to date with the bench boards (npm run docs:bench regenerates it)', () => {
    expect(benchDocs(page) === page, 'docs/BENCH.md is stale: run npm run docs:bench').toBe(true);
  });

  it('has a wiring table for the Uno and the Mega', () => {
    expect(benchBoards().map((b) => b.name).sort()).toEqual(['arduino-mega', 'arduino-uno']);
    for (const name of ['arduino-uno', 'arduino-mega']) expect(page).toContain(`<!-- wiring of boards/${name}.json`);
  });

  it('gives every wired pin a row, under its header label', () => {
    const table = wiringTable(loadBoard('arduino-uno'), loadMcu('atmega328p'));
    expect(table).toContain('| A0 | 14 | airlock A chamber pressure | 10 kΩ potentiometer');
    expect(table).toContain('| D11~ | 11 | airlock A inner door enable |');
    expect(table.split('\n').filter((l) => /^\| [AD]\d/.test(l))).toHaveLength(16);
  });

  it('says how to start the emulated board and the imitation one, with npm scripts that exist', () => {
    expect(page).toContain('npm run bench:board -- --board arduino-uno --emulate');
    expect(page).toContain('npm run bench:rig -- --board arduino-uno --emulate');
    expect(page).toContain('npm run bench:rig -- --board arduino-mega');
    expect(scripts['bench:board']).toBe('tsx scripts/bench-board.ts');
    expect(scripts['bench:rig']).toBe('tsx scripts/bench-rig.ts');
  });

  it('says what the genuine-firmware tests prove that the imitation cannot, and where the imitation stays', () => {
    expect(page).toContain('### What the genuine-firmware tests prove that the imitation cannot');
    expect(page).toContain('### Where the imitation stays, and why');
    expect(page).toContain('avrgirl-arduino@5.0.1');
  });

  it('gives the handshake\'s default as the code has it', async () => {
    const { DEFAULT_HANDSHAKE_MS } = await import('../../hal/providers/bench/connect');
    expect(page).toContain(`waits up to ${DEFAULT_HANDSHAKE_MS / 1000} s (\`--timeout\`)`);
  });

  it('changes when a board file changes', () => {
    const board = loadBoard('arduino-uno');
    const moved = { ...board, signals: { ...board.signals, beeper: { pin: 18 } } };
    expect(wiringTable(moved, loadMcu('atmega328p'))).not.toBe(wiringTable(board, loadMcu('atmega328p')));
  });
});
