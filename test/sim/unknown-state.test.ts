// A machine whose state is not yet known (after boot, before its sensors have been read) reads "unknown" in every
// view: never a default, never "undefined", and whatever its states are called.
import { describe, expect, it } from 'vitest';
import { loadBoard } from '../../boards/load';
import { renderCharts } from '../../views/report/chart-svg';
import { sampleOf } from '../../sim/samples';
import { renderScreen } from '../../views/terminal/screen';
import { reportBody } from '../../views/terminal/timeline';
import { createSimWorld } from '../../sim/world';

describe('an unknown state', () => {
  it('is said as unknown in the terminal views, the charts and the timeline', () => {
    const world = createSimWorld({ board: loadBoard('sim'), seed: 1 });
    const b = world.controller.machines['airlock B']!, env = world.controller.machines['bay environment']!;
    Object.defineProperty(b, 'state', { value: undefined, configurable: true });
    // A state no view has heard of is shown as it is named.
    Object.defineProperty(env, 'state', { value: 'holding', configurable: true });
    const state = { speed: 1, paused: false, message: '', recent: [] };
    const compact = renderScreen(world, state, false, { columns: 80, rows: 24 });
    const wide = renderScreen(world, state, false, { columns: 160, rows: 50 });
    expect(compact).toMatch(/^Airlk B {2}unknown {14}→/m);
    expect(compact).toMatch(/^Bay {6}holding /m);
    expect(wide).toMatch(/^Airlock B {8}unknown {16}goal/m);
    const sample = sampleOf(world);
    expect(sample.states['airlock B']).toBeNull();
    const svg = renderCharts({ samples: [sample, { ...sample, t: 60_000 }], markers: [], from: 0, to: 60_000 });
    expect(svg).toMatch(/<rect [^>]*data-state="unknown"><title>airlock B: unknown<\/title>/);
    expect(svg).toContain('data-state="holding"');
    expect(svg).not.toContain('undefined');
    expect(reportBody({ t: 0, kind: 'transition', machine: 'airlock B', to: 'closed pressurized', event: 'reconstructed from sensors' })).toBe('unknown → closed pressurized  on "reconstructed from sensors"');
    world.stop();
  });
});
