// docs/ is the whole specification: every link in the README and docs/ stays in the repository and resolves,
// and the specification carries the rules, the Alice story and invariants 1–9.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('the docs', () => {
  it('link only to files of this repository, and every link resolves', () => {
    for (const page of pages) {
      for (const [, target] of readFileSync(page, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        expect(target, `${page} links out`).not.toMatch(/^[a-z]+:/i);
        const file = target.split('#')[0];
        if (file) expect(existsSync(join(dirname(page), file)), `${page} → ${target}`).toBe(true);
      }
      expect(readFileSync(page, 'utf8'), page).not.toMatch(/\.\.\/(shared|seed)\//);
    }
  });

  it('carry the rules, the story and the nine invariants in the specification', () => {
    const spec = readFileSync('docs/SPECIFICATION.md', 'utf8');
    for (const heading of ['## The rules between the machines', '## The story: Alice in airlock B', '## Safety invariants', '## States are claims about the world']) expect(spec).toContain(heading);
    for (let n = 1; n <= 9; n++) expect(spec).toMatch(new RegExp(`^${n}\\. `, 'm'));
  });
});
