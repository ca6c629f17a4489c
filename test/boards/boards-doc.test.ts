// docs/BOARDS.md names every field a board file may have, and every field the shipped boards use.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listBoards } from '../../boards/load';

const doc = readFileSync('docs/BOARDS.md', 'utf8');
const documented = (field: string) => doc.includes(`| \`${field}\` |`);

describe('docs/BOARDS.md', () => {
  it('has a row for every top-level field of every shipped board file', () => {
    const used = new Set(listBoards().flatMap((name) => Object.keys(JSON.parse(readFileSync(`boards/${name}.json`, 'utf8')))));
    expect(used.size).toBeGreaterThanOrEqual(8);
    expect([...used].filter((f) => !documented(f))).toEqual([]);
  });

  it('has a row for every field the validator accepts', () => {
    const source = readFileSync('hal/board/validate.ts', 'utf8');
    const accepted = JSON.parse(/const BOARD_FIELDS = (\[.*?\]);/.exec(source)![1]!.replace(/'/g, '"')) as string[];
    expect(accepted.filter((f) => !documented(f))).toEqual([]);
  });

  it('names every transport field the shipped boards use, and every deadline part', () => {
    for (const name of readdirSync('boards').filter((f) => f.endsWith('.json'))) {
      const board = JSON.parse(readFileSync(`boards/${name}`, 'utf8'));
      for (const field of Object.keys(board.transport ?? {})) expect(doc, `${name}: transport.${field}`).toContain(`"${field}"`);
      for (const part of Object.keys(board.deadlines ?? {})) expect(doc, `${name}: deadlines.${part}`).toContain(`\`${part}\``);
    }
  });

  it('lists every shipped board in its table', () => {
    const table = doc.slice(0, doc.indexOf('## The board file'));
    const missing = listBoards().filter((name) => !table.includes(`\`${name}\``) && !(name.startsWith('sim-airlock-') && table.includes('`sim-airlock-a` … `sim-airlock-d`')));
    expect(missing).toEqual([]);
  });
});
