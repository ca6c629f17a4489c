// `--json` traces carry the physics: start states, then door positions and pressures as they change, so an
// outside monitor judges invariant 7 from the trace alone, trusting no machine's state.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../scripts/lib/board-file';
import { parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';
import { invariant7FromSamples, samplePhysics, type PhysicsSample } from '../../sim/scenario/samples';

const scenario = (steps: object[], extra = {}) => parseScenario(JSON.stringify({ name: 'x', steps, ...extra }), 'x.json');

describe('physical samples in a trace', () => {
  it('start with every machine\'s state and every door and pressure, then carry only what changed', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'sim/scenarios/alice.json', '--json'], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'start', machines: { 'airlock B': { state: 'closed pressurized' } }, doors: { 'bay door': 0, 'airlock B outer': 0 }, kPa: { bay: 101.5 } });
    const physics = lines.filter((l) => l.kind === 'physics');
    expect(physics.length).toBeGreaterThan(20);
    expect(physics.every((l) => Object.keys(l.doors ?? {}).length + Object.keys(l.kPa ?? {}).length > 0)).toBe(true);
    expect(invariant7FromSamples(lines.filter((l) => l.kind === 'start' || l.kind === 'physics'))).toEqual([]);
  });

  it('let an outside monitor catch an inner door started onto vacuum by a controller with broken thresholds', () => {
    const samples: PhysicsSample[] = [];
    const s = scenario([{ at: 0, press: 'airlock A button 4' }, { at: '10s', wait: true }], { emptyChambers: ['A'] });
    const broken = { fullKpa: -1, holdsFullKpa: -1, matchKpa: 200, equalKpa: 200 };
    runScenario(s, loadBoard('sim'), undefined, { thresholds: broken, setup: (w) => samplePhysics(w, (x) => samples.push(x)) });
    expect(invariant7FromSamples(samples)).toEqual([expect.stringMatching(/airlock A inner started opening across \d+(\.\d)? and 101.3 kPa/)]);
  });
});
