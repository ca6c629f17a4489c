// The report's sequence view: who told whom what, and when, recorded from the running controllers and the bus.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../views/report/html';
import { INPUTS } from '../../views/report/sequence';
import { parseScenario } from '../../sim/scenario/format';
import { runForReport } from '../../views/report/record';
import { boardsFor } from '../../scripts/lib/scenario-boards';

const run = (file: string) => {
  const scenario = parseScenario(readFileSync(file, 'utf8'), file);
  return { scenario, result: runForReport(scenario, boardsFor(scenario)) };
};

describe('the sequence view', () => {
  it('shows the deck recalling airlock B and asking for a hostile bay on red alert, and the environment telling the deck it is ready', () => {
    const { scenario, result } = run('sim/scenarios/alice.json');
    const m = result.messages!;
    expect(m).toContainEqual({ t: 1500, from: INPUTS, to: 'battle deck', what: 'ready requested', via: 'input' });
    expect(m).toContainEqual({ t: 1500, from: 'battle deck', to: 'airlock B', what: 'ask open inner', via: 'hook' });
    expect(m).toContainEqual({ t: 1500, from: 'battle deck', to: 'bay environment', what: 'hostile requested', via: 'hook' });
    expect(m).toContainEqual(expect.objectContaining({ from: 'bay environment', to: 'battle deck', what: 'now ready', via: 'hook' }));
    expect(m.map((x) => x.t)).toEqual([...m.map((x) => x.t)].sort((a, b) => a - b));
    const html = reportHtml({ scenario, result });
    expect(html).toMatch(/<svg [^>]*class="sequence"/);
    expect(html).toContain('<title>00:00:01.500 battle deck → airlock B: ask open inner</title>');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
  });

  it('shows, for six nodes, the bridge recalling every airlock over the bus, once each, and the nodes reporting their new states', () => {
    const { result } = run('sim/scenarios/cluster/alice.json');
    const m = result.messages!;
    const recalls = m.filter((x) => x.via === 'bus' && x.what.startsWith('recall'));
    expect(recalls.map((x) => x.to).sort()).toEqual(['airlock A', 'airlock B', 'airlock C', 'airlock D']);
    expect(recalls.every((x) => x.from === 'battle deck')).toBe(true);
    // The delivery of a bus command on its node is the same message: not drawn twice.
    expect(m.filter((x) => x.via === 'input' && x.to === 'airlock B' && x.what === 'ask open inner')).toEqual([]);
    expect(m).toContainEqual(expect.objectContaining({ from: 'airlock B', what: 'report: airlock B closing outer', via: 'bus' }));
  });
});
