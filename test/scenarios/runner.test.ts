// The scenario runner fails what should fail: a missed expectation, a broken invariant, a malformed file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { parseScenario, ScenarioError } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', ...args], { encoding: 'utf8' });

describe('the scenario runner', () => {
  it('reports an expectation that does not hold, with its field and time', () => {
    const s = parseScenario(JSON.stringify({ name: 'x', steps: [{ at: '1s', expect: { states: { 'bay door': 'open' } } }] }), 'x.json');
    const r = runScenario(s, loadBoard('sim'));
    expect(r.ok).toBe(false);
    expect(r.failures).toEqual([{ t: 1000, field: 'steps[0]', line: 1, message: 'expected bay door in "open", but it is "closed"' }]);
  });

  it('fails an eventually that is not met within its time', () => {
    const s = parseScenario(JSON.stringify({ name: 'x', steps: [{ eventually: { states: { 'bay environment': 'hostile' } }, within: '5s' }] }), 'x.json');
    const r = runScenario(s, loadBoard('sim'));
    expect(r.failures[0].message).toMatch(/^not met within 5 s: bay environment in "hostile"/);
    expect(r.endMs).toBe(5000);
  });

  it('reports a broken safety invariant: a controller whose thresholds and interlock take vacuum for ship pressure opens an inner door onto it', () => {
    const s = parseScenario(JSON.stringify({ name: 'x', emptyChambers: ['A'], steps: [{ at: 0, press: 'airlock A button 4' }, { at: '10s', wait: true }] }), 'x.json');
    const broken = runScenario(s, loadBoard('sim'), undefined, { thresholds: { fullKpa: -1, holdsFullKpa: -1, matchKpa: 200, equalKpa: 200 } });
    expect(broken.failures.map((f) => f.field)).toContain('invariant 1');
    expect(broken.failures.map((f) => f.field)).toContain('invariant 7');
    expect(broken.failures.find((f) => f.field === 'invariant 1')!.message).toMatch(/airlock A inner door open or moving while the chamber is at \d+\.\d kPa/);
    expect(runScenario(s, loadBoard('sim')).failures).toEqual([]);
  });

  it('names the field and line of a malformed step', () => {
    const text = '{\n  "name": "bad",\n  "steps": [\n    { "at": 0, "press": "airlock E button 9" }\n  ]\n}\n';
    expect(() => parseScenario(text, 'bad.json')).toThrow(ScenarioError);
    expect(() => parseScenario(text, 'bad.json')).toThrow('bad.json:4: steps[0]');
    expect(() => parseScenario('{ "name": "x", "steps": [ { "at": "soon", "leak": 1 } ] }', 'y.json')).toThrow('y.json:1: steps[0].at: must be a time');
    expect(() => parseScenario('{ "name": "x",\n "steps": [ }', 'z.json')).toThrow('z.json:2: not valid JSON');
  });

  it('exits 2 on a malformed file, 1 on a failed expectation, 0 on success', () => {
    expect(cli(file('bad.json', '{ "name": "x", "steps": [ { "at": 0, "frobnicate": 1 } ] }')).status).toBe(2);
    const failing = cli(file('fail.json', JSON.stringify({ name: 'x', steps: [{ at: 100, expect: { states: { 'bay door': 'open' } } }] })));
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/FAILED at 00:00:00.100: .*fail.json:1 steps\[0\]: expected bay door in "open"/);
    expect(cli('sim/scenarios/leak-while-airlock-open.json').status).toBe(0);
  });

  it('prints the trace as JSON lines with --json', () => {
    const r = cli('sim/scenarios/leak-while-airlock-open.json', '--json');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(5);
    const first = lines.find((l) => l.kind === 'transition');
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['t', 'machine', 'from', 'to', 'event']));
    expect(first).toMatchObject({ machine: 'airlock C', from: 'closed pressurized', to: 'opening outer', event: 'ask open outer', goal: 'outer open friendly' });
  });

  it('ends a --json trace with its verdict, passed or failed', () => {
    const passed = cli('sim/scenarios/leak-while-airlock-open.json', '--json').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(passed.at(-1)).toMatchObject({ kind: 'verdict', ok: true, failures: 0 });
    expect(passed.at(-1).expectations).toBeGreaterThan(0);
    const failing = file('fail-json.json', JSON.stringify({ name: 'x', steps: [{ at: '100ms', expect: { states: { 'bay door': 'open' } } }] }));
    const r = cli(failing, '--json');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual({ t: lines.at(-1).t, kind: 'verdict', ok: false, expectations: 1, failures: 1, scenario: 'x' });
    expect(lines.at(-2)).toMatchObject({ kind: 'failure', field: 'steps[0]' });
  });
});
