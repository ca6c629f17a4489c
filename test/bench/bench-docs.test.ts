// docs/BENCH.md's wiring tables are generated from the bench boards' files and must not drift from them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchBoards, benchDocs, wiringTable } from '../../scripts/lib/bench-docs';
import { loadBoard, loadMcu } from '../../scripts/lib/board-file';

const page = readFileSync(new URL('../../docs/BENCH.md', import.meta.url), 'utf8');

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

  it('changes when a board file changes', () => {
    const board = loadBoard('arduino-uno');
    const moved = { ...board, signals: { ...board.signals, beeper: { pin: 18 } } };
    expect(wiringTable(moved, loadMcu('atmega328p'))).not.toBe(wiringTable(board, loadMcu('atmega328p')));
  });
});
