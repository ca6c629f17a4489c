// The scenario format's watches and matches: always/never over an interval or until a step, anyOf/not on
// states, events with reasons, load-time checks against the board, and own properties only.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { boardsFor } from '../../scripts/lib/scenario-boards';
import { parseScenario, ScenarioError } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

const sim = loadBoard('sim');
const run = (steps: object[], extra: object = {}) => runScenario(parseScenario(JSON.stringify({ name: 'x', ...extra, steps }), 'x.json'), sim);
const loadError = (text: string): string => {
  try { boardsFor(parseScenario(text, 'x.json')); } catch (e) { if (e instanceof ScenarioError) return e.message; throw e; }
  return 'no error';
};

describe('always and never', () => {
  it('passes an always that holds over its interval', () => {
    const r = run([{ at: 0, always: { states: { 'bay environment': 'friendly' } }, for: '20s' }, { at: '30s', wait: true }]);
    expect(r.ok).toBe(true);
    expect(r.outcomes).toEqual([expect.objectContaining({ field: 'steps[0]', kind: 'always', ok: true, t: 20_000 })]);
  });

  it('fails an always at the first poll where it breaks, naming when', () => {
    const r = run([{ at: 0, always: { states: { 'bay environment': 'friendly' } } }, { at: '1s', request: 'ready' }, { at: '10s', wait: true }]);
    expect(r.ok).toBe(false);
    expect(r.failures[0]).toMatchObject({ field: 'steps[0]', message: expect.stringMatching(/^always: broken at 1\.0\d s: bay environment in "friendly", but it is "depressurizing"/) });
  });

  it('watches until the step it names, and not after', () => {
    const r = run([
      { at: 0, always: { states: { 'bay environment': 'friendly' } }, until: 'alert' },
      { at: '5s', id: 'alert', request: 'ready' },
      { at: '20s', wait: true },
    ]);
    expect(r.ok).toBe(true);
    expect(r.outcomes[0]).toMatchObject({ kind: 'always', ok: true, t: 5000 });
  });

  it('fails a never the moment its states all hold', () => {
    const r = run([{ at: 0, never: { states: { 'battle deck': { anyOf: ['readying', 'ready'] } } } }, { at: '2s', request: 'ready' }, { at: '3s', wait: true }]);
    expect(r.failures[0].message).toMatch(/^never: happened at 2\.0\d s/);
  });

  it('fails a never whose event happens: a beep from airlock B', () => {
    const steps = [{ at: 0, never: { events: [{ kind: 'beep', machine: 'airlock B' }] } }, { at: 0, press: 'airlock B button 2' }, { at: '1s', press: 'airlock B button 2' }, { at: '2s', wait: true }];
    expect(run(steps).failures[0].message).toMatch(/^never: happened at 1\.\d+ s: beep by airlock B on "ask open outer"/);
  });
});

describe('anyOf and not on states', () => {
  it('accepts any of several states, and refuses the ones a not names', () => {
    const r = run([{ at: '1s', expect: { states: { 'bay environment': { anyOf: ['friendly', 'pressurizing'] }, 'bay door': { not: 'faulted' } } } },
      { at: '2s', expect: { states: { 'bay door': { not: ['closed', 'faulted'] } } } }]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ field: 'steps[1]', message: 'expected bay door in none of "closed", "faulted", but it is "closed"' });
  });
});

describe('events', () => {
  it('finds vetoes with their reason text and a recall, each since the previous step', () => {
    // Alice: airlock B recalled on red alert; button 2 is refused until B rests in inner open.
    const r = run([
      { at: 0, press: 'airlock B button 2' },
      { after: '100ms', expect: { events: [{ kind: 'veto', machine: 'airlock B', reason: 'NOT YET FULL' }] } },
      { at: '1.5s', request: 'ready' },
      { after: '100ms', expect: { events: [{ kind: 'recall', machine: 'airlock B' }] } },
      { at: '2s', press: 'airlock B button 2' },
      { after: '100ms', expect: { events: [{ kind: 'veto', machine: 'airlock B', event: 'ask open outer', reason: 'recalled on red alert' }] } },
    ]);
    expect(r.failures).toEqual([]);
  });

  it('fails when the event did not happen in its window', () => {
    const r = run([{ at: '1s', expect: { events: [{ kind: 'veto' }] } }]);
    expect(r.failures[0].message).toMatch(/^expected a veto since 0\.0 s, but there was none/);
  });
});

describe('load-time checks against the board', () => {
  it('refuses an unknown state name, with file, line and field', () => {
    expect(loadError('{ "name": "x",\n  "steps": [\n    { "expect": { "states": { "airlock A": "ajar" } } } ] }'))
      .toMatch(/^x\.json:3: steps\[0\]\.expect\.states\.airlock A: "ajar" is not a state of airlock A \(states: closed pressurized, .*inner open.*\)$/);
  });

  it('refuses "klaxon": "no"', () => {
    expect(loadError('{ "name": "x", "steps": [ { "expect": { "indicators": { "klaxon": "no" } } } ] }')).toBe('x.json:1: steps[0].expect.indicators.klaxon: must be true or false');
  });

  it('refuses a button the board does not host', () => {
    const text = '{ "name": "x", "board": "sim-bay", "steps": [\n { "press": "airlock B button 2" } ] }';
    expect(loadError(text)).toMatch(/^x\.json:2: steps\[0\]\.press: "airlock B button 2" is not wired on board sim-bay/);
  });

  it('refuses a goal a machine does not have, and an until that names no later step', () => {
    expect(loadError('{ "name": "x", "steps": [ { "expect": { "goals": { "airlock A": "open" } } } ] }')).toMatch(/"open" is not a goal of airlock A/);
    expect(loadError('{ "name": "x", "steps": [ { "id": "a", "wait": true }, { "always": { "states": { "bay door": "closed" } }, "until": "a" } ] }'))
      .toMatch(/steps\[1\]\.until: must be the id of a later step/);
  });

  it('takes "__proto__" as an unknown field, never as the object\'s prototype', () => {
    expect(loadError('{ "name": "x", "__proto__": { "board": "nosuch" }, "steps": [ { "wait": true } ] }')).toBe('x.json:1: __proto__: unknown field');
    expect(loadError('{ "name": "x", "steps": [ { "wait": true, "__proto__": { "at": 5 } } ] }')).toBe('x.json:1: steps[0].__proto__: unknown field');
  });
});
