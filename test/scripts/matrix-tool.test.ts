import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { airlock, bayDoor, bayEnvironment } from '../../firmware';
import { machineDocs } from '../../scripts/lib/machine-docs';
import { followTargets, senseTargets, toCsv, toJson, toMarkdown, toMermaid } from '../../scripts/lib/matrix-format';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/matrix.ts', ...args], { encoding: 'utf8' });

describe('the matrix tool', () => {
  it('writes every bay door cell in words as markdown', () => {
    expect(toMarkdown(bayDoor as never).split('\n')[5]).toBe('| closing | → opening | no change | impossible | → closed | → faulted | → faulted | beep |');
  });

  it('quotes conditional airlock cells in CSV', () => {
    expect(toCsv(airlock as never)).toContain('closed pressurized,"→ depressurizing if bayHostile, else → opening outer",→ opening inner');
  });

  it('lists each cell with its kind and targets in JSON', () => {
    const json = JSON.parse(toJson(airlock as never));
    expect(json.initial).toBe('closed pressurized');
    expect(json.cells).toHaveLength(12 * 12);
    expect(json.cells.find((c: { state: string; event: string }) => c.state === 'closed pressurized' && c.event === 'ask open outer'))
      .toEqual({ state: 'closed pressurized', event: 'ask open outer', kind: 'when', sensor: 'bayHostile', targets: ['depressurizing', 'opening outer'] });
  });

  it('finds every state a follow-goal cell can lead to', () => {
    expect(followTargets(airlock as never).sort()).toEqual(
      ['closed depressurized', 'closed pressurized', 'depressurizing', 'opening inner', 'opening outer', 'pressurizing']);
  });

  it('finds every state a from-sensors cell can lead to: the environment after its reset', () => {
    expect(senseTargets(bayEnvironment as never).sort()).toEqual(['friendly', 'holding', 'hostile']);
  });

  it('draws a mermaid state diagram with the initial state and every transition', () => {
    const mermaid = toMermaid(bayDoor as never);
    expect(mermaid).toMatch(/^stateDiagram-v2\n/);
    expect(mermaid).toContain('[*] --> closed');
    expect(mermaid.match(/ --> /g)).toHaveLength(1 + 6 + 4 + 2 + 1); // initial, MACHINES.md's six, faults, reset
  });

  it('prints the terminal table for a machine named on the command line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/matrix.ts', 'battle-deck'], { encoding: 'utf8' });
    expect(out).toContain('battle deck (initial state: relaxed)');
    expect(out).toMatch(/activating\s+│ no change\s+│ → readying/);
  });

  it('answers an unknown machine or format with one line and exit code 2', () => {
    for (const args of [['spaceship'], ['airlock', '--format', 'xml'], []]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^matrix: /);
    }
  });

  it('keeps docs/MACHINES.md as the tool generates it (run npm run docs:machines)', () => {
    expect(readFileSync('docs/MACHINES.md', 'utf8')).toBe(machineDocs());
  });
});
