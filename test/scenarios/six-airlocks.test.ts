// A bay with six airlocks (A–D, F and G: never E, which is the bay door) built from a board file alone: the
// vocabulary allows them, the board hosts them, and a scenario runs on it with the same rules as on four.
import { describe, expect, it } from 'vitest';
import { checkAgainstBoards } from '../../sim/scenario/check-board';
import { parseScenario, ScenarioError } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { keyHelpFor } from '../../views/terminal/keys';
import { renderScreen } from '../../views/terminal/screen';
import { createSimWorld } from '../../sim/world';
import { sixAirlockBoard } from '../support/six-airlocks';

describe('a bay with six airlocks', () => {
  const board = sixAirlockBoard();

  it('runs the Alice story at airlock F while G waits, with the recall and the refusal', () => {
    const scenario = parseScenario(JSON.stringify({
      name: 'Alice in airlock F', emptyChambers: ['G'],
      steps: [
        { at: 0, press: 'airlock F button 2' },
        { at: 0, never: { states: { 'airlock G': { not: ['closed depressurized'] } } } },
        { at: '1.5s', request: 'ready' },
        { after: '100ms', expect: { events: [{ kind: 'recall', machine: 'airlock F' }], goals: { 'airlock F': 'inner open' } } },
        { at: '2s', press: 'airlock F button 2' },
        { after: '200ms', expect: { events: [{ kind: 'veto', machine: 'airlock F', event: 'ask open outer' }] } },
        { eventually: { states: { 'airlock F': 'inner open' }, doors: { 'airlock F outer': 'closed', 'airlock F inner': 'open' } }, within: '15s' },
        { eventually: { states: { 'battle deck': 'ready', 'bay environment': 'hostile' } }, within: '3m' },
      ],
    }), 'alice-f.json');
    checkAgainstBoards(scenario, board);
    const r = runScenario(scenario, board);
    expect(r.failures).toEqual([]);
    expect(r.trace.some((t) => t.machine === 'airlock F' && t.to === 'inner open')).toBe(true);
  });

  it('refuses, at load time, an airlock the board does not host (there is no airlock E: that is the bay door)', () => {
    const scenario = parseScenario('{ "name": "x", "steps": [ { "press": "airlock H button 1" } ] }', 'x.json');
    expect(() => checkAgainstBoards(scenario, board)).toThrow(ScenarioError);
    expect(() => parseScenario('{ "name": "x", "steps": [ { "press": "airlock E button 1" } ] }', 'x.json')).toThrow(/must name a button/);
  });

  it('shows all six in the terminal view, and gives F and G keys of their own', () => {
    const world = createSimWorld({ board, seed: 1 });
    const view = renderScreen(world, { speed: 1, paused: false, message: '', recent: [] }, false, { columns: 80, rows: 24 });
    world.stop();
    for (const l of ['A', 'B', 'C', 'D', 'F', 'G']) expect(view).toMatch(new RegExp(`^Airlk ${l} {2}closed pressurized`, 'm'));
    expect(view).not.toMatch(/Airlk H/);
    expect(keyHelpFor(world.model.letters)).toContain('Buttons: airlock A 1 2 3 4 | B q w e r | C a s d f | D z x c v | F 5 6 7 8 | G t y i o');
  });
});
