// Invariant 9 and the boot window in the exhaustive check: after a reset or a reboot nothing moves until a new
// request (except to come to rest), the deck invents no goal, and until the sensors are read after a boot no state is
// claimed and nothing is driven. Each broken rule (`--break`) is caught by the property it breaks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/scenario/format';
import { check, Model, MUTATIONS, safetyFindings, toScenario, violations, type CheckOptions } from '../../verify';
import { AIR, BAY_DOOR, BOOTED, DEADLINE, DOOR, ENVIRONMENT, event, EventList, FINISH, REBOOT, REQUEST, RESET } from '../../verify/events';
import { apply, enabledEvents } from '../../verify/step';
import { CLOSED, EMPTY } from '../../verify/world';

const ACTIVE = 0;
const broken = (name: string): CheckOptions => ({ rules: MUTATIONS[name].rules, boot: MUTATIONS[name].boot });
const found = (options: CheckOptions) => violations(check(options));
const first = (options: CheckOptions, property: string, level: string) => found(options).find((v) => v.property === property && v.level === level);
const trace = (options: CheckOptions, property: string, level: string) => first(options, property, level)?.trace.map((s) => s.event);
const enabled = (model: Model) => { const list = new EventList(); enabledEvents(model, list); return [...list.codes.subarray(0, list.length)]; };

/** Sends the first enabled event of `kind` (and slot), as the world would. */
function step(model: Model, kind: number, slot?: number): void {
  const e = enabled(model).find((x) => (x & 15) === kind && (slot === undefined || ((x >> 4) & 31) === slot));
  if (e === undefined) throw new Error(`no enabled event of kind ${kind} in slot ${slot}`);
  apply(model, e);
}

/** Issue 22, case 1: active requested, door E jams on its way open and faults; the jam is cleared and it is reset. */
function jamDoorEOpeningThenReset(model: Model): void {
  apply(model, event(REQUEST, 0, ACTIVE));
  step(model, AIR, ENVIRONMENT); step(model, AIR, ENVIRONMENT); step(model, FINISH, ENVIRONMENT);
  step(model, DOOR, BAY_DOOR);
  expect([model.states.bayDoor(), model.world.bay]).toEqual(['opening', EMPTY]);
  apply(model, event(DEADLINE, BAY_DOOR));
  apply(model, event(RESET, BAY_DOOR));
}

describe('invariant 9 and the boot window, on the real rules', () => {
  it('hold with one airlock, two faults per path and breaches, and the check does reach both kinds of state', () => {
    const r = check({ airlocks: 1, faults: 2, liveness: false });
    expect(r.found).toEqual([]);
    let booting = 0, waiting = 0;
    // Each stored state loaded back: the key carries the boot window and who waits for a request.
    const w = r.model.world;
    for (let s = 0; s < r.states; s++) {
      r.model.load(r.store.words, s * r.store.width);
      if (w.booting) booting++;
      if (w.doorAwaitsRequest || w.environmentAwaitsRequest || w.airlocks.some((a) => a.awaitsRequest)) waiting++;
    }
    expect(booting).toBeGreaterThan(100);
    expect(waiting).toBeGreaterThan(1000);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(readFileSync('docs/VERIFICATION.md', 'utf8').replace(/\s+/g, ' '))
      .toContain(`reaches ${n(r.states)} states: ${n(booting)} in the boot window, and ${n(waiting)} in which some machine waits for a new request`);
  });

  it('passes a reboot through a window where every machine is unknown, refuses requests in it, then rebuilds from the sensors', () => {
    const model = new Model({ airlocks: 1 });
    apply(model, event(REBOOT));
    expect(model.ids.map((id) => model.system.machines[id]!.state)).toEqual([undefined, undefined, undefined, undefined]);
    expect(enabled(model)).toContain(event(BOOTED, 0, 1));
    apply(model, event(REQUEST, 0, ACTIVE));
    expect(model.states.environment()).toBe('unknown');
    expect(model.world.environmentAwaitsRequest).toBe(true);
    expect(safetyFindings(model)).toEqual([]);
    apply(model, event(BOOTED, 0, 1)); // the bay full but cold
    expect([model.states.deck(), model.deckGoal(), model.states.bayDoor(), model.states.environment(), model.states.airlock(0)])
      .toEqual(['standing by', undefined, 'closed', 'holding', 'closed pressurized']);
    apply(model, event(REQUEST, 0, ACTIVE));
    expect([model.states.environment(), model.world.environmentAwaitsRequest]).toEqual(['depressurizing', false]);
  });

  it('keeps door E closed after its reset (issue 22, case 1): the deck stands by until the bridge asks again', () => {
    const model = new Model({ airlocks: 0 });
    jamDoorEOpeningThenReset(model);
    expect([model.states.deck(), model.deckGoal(), model.states.bayDoor()]).toEqual(['standing by', undefined, 'closing']);
    expect(safetyFindings(model)).toEqual([]);
    step(model, DOOR, BAY_DOOR);
    step(model, FINISH, BAY_DOOR);
    expect([model.states.bayDoor(), model.world.bayDoor]).toEqual(['closed', CLOSED]);
    apply(model, event(REQUEST, 0, ACTIVE));
    expect(model.states.bayDoor()).toBe('opening');
  });
});

describe('the rules broken on purpose, each caught by the property it breaks', () => {
  it('resume-after-reset: a deck that keeps its goal through door E\'s fault and reset holds it with no new request', () => {
    const v = first({ airlocks: 0, faults: 1, leaks: false, reboot: false, ...broken('resume-after-reset') }, 'invariant 9', 'logic')!;
    expect(v.detail).toBe('the deck holds the goal relaxed, though door E has had no new request since its reset or the reboot');
    expect(v.trace.map((s) => s.event)).toEqual(['bay door: sensor fault', 'bay door: operator reset']);
  });

  it('resume-after-reset: door E reopens at its reset toward the old request (issue 22, case 1), and so does the bay\'s pump', () => {
    const model = new Model({ airlocks: 0, ...broken('resume-after-reset') });
    jamDoorEOpeningThenReset(model);
    expect(model.states.bayDoor()).toBe('opening');
    expect(safetyFindings(model)).toContainEqual({ property: 'invariant 9', level: 'logic', detail: 'door E is driven open (opening) with no new request since its reset or the reboot' });
    expect(trace({ airlocks: 0, faults: 1, leaks: false, reboot: false, ...broken('resume-after-reset') }, 'invariant 9', 'physical'))
      .toEqual(['bay environment: sensor fault', 'bay environment: operator reset']);
  });

  it('airlock-resumes: an airlock whose reset opens the door it closes moves with no button pressed', () => {
    const v = first({ airlocks: 1, faults: 1, leaks: false, reboot: false, ...broken('airlock-resumes') }, 'invariant 9', 'logic')!;
    expect(v.detail).toBe('airlock A (opening inner) moves a door open or vents with no button pressed since its reset or the reboot');
    expect(v.trace.map((s) => s.event)).toEqual(['airlock A: sensor fault', 'airlock A: operator reset']);
  });

  it('boot-defaults: machines that show their default states before the sensors are read break the boot window at once', () => {
    const options = { airlocks: 0, faults: 1, leaks: false, ...broken('boot-defaults') };
    const v = first(options, 'boot window', 'logic')!;
    expect(v.detail).toBe('battle deck claims relaxed (goal relaxed) before the sensors are read');
    expect(v.trace.map((s) => s.event)).toEqual(['power lost and back: reboot, every state unknown']);
    // A request in the window is then taken: the bay starts emptying before anything is known.
    expect(trace(options, 'boot window', 'physical')).toEqual(['power lost and back: reboot, every state unknown', 'deck request: active']);
  });

  it('resume-after-reboot: a bay rebuilt heating (or emptying) moves with nobody asking since the boot', () => {
    const v = first({ airlocks: 0, faults: 1, leaks: false, ...broken('resume-after-reboot') }, 'invariant 9', 'physical')!;
    expect(v.detail).toBe('the bay\'s pump, vent or heater runs (heating) with no new request since its reset or the reboot');
    expect(v.trace.map((s) => s.event)).toEqual(['power lost and back: reboot, every state unknown', 'sensors read: every state rebuilt (bay full but cold)']);
  });

  it('resume-after-reboot: a bay found between full and empty is held, not emptied (the real rules), and vented with the broken rule', () => {
    const reboot = (options: CheckOptions) => {
      const model = new Model({ airlocks: 0, ...options });
      apply(model, event(REQUEST, 0, ACTIVE));
      step(model, AIR, ENVIRONMENT);
      apply(model, event(REBOOT));
      apply(model, event(BOOTED, 0, 0));
      return model;
    };
    expect(reboot({}).states.environment()).toBe('holding');
    expect(safetyFindings(reboot({}))).toEqual([]);
    expect(safetyFindings(reboot(broken('resume-after-reboot')))).toContainEqual({ property: 'invariant 9', level: 'logic', detail: 'the bay environment is depressurizing with no new request since its reset or the reboot' });
  });

  it('deck-infers-goal: a deck that takes its goal from the bay at boot holds one nobody gave', () => {
    const v = first({ airlocks: 0, faults: 1, leaks: false, ...broken('deck-infers-goal') }, 'invariant 9', 'logic')!;
    expect(v.detail).toMatch(/^the deck holds the goal relaxed, though door E has had no new request/);
    expect(v.trace.map((s) => s.event)).toEqual(['power lost and back: reboot, every state unknown', 'sensors read: every state rebuilt']);
  });

  it('boot-remembers: a press held back by rule 3 before the power loss opens the outer door after the boot', () => {
    const v = first({ airlocks: 1, faults: 1, leaks: false, ...broken('boot-remembers') }, 'invariant 9', 'physical')!;
    expect(v.detail).toBe('airlock A opens a door or vents its chamber with no button pressed since its reset or the reboot');
    expect(v.trace.map((s) => s.event)).toEqual([
      'deck request: active', 'deck request: relaxed', 'press airlock A button 2 (ask open outer)',
      'power lost and back: reboot, every state unknown', 'sensors read: every state rebuilt',
    ]);
  });

  it('writes a reboot counterexample as a scenario: the power off, then a wait for the controller to read its sensors', () => {
    const v = first({ airlocks: 0, faults: 1, leaks: false, ...broken('resume-after-reboot') }, 'invariant 9', 'physical')!;
    const { scenario, unmapped } = toScenario(v);
    expect(unmapped).toEqual([]);
    expect(scenario.steps.slice(0, 2)).toEqual([{ after: '500ms', reboot: '2s' }, { after: '3s', wait: true }]);
    expect(() => parseScenario(JSON.stringify(scenario), 'reboot.json')).not.toThrow();
  });
});

describe('the state key', () => {
  it('keeps every new part apart: the boot window, who waits for a request, and an unknown airlock', () => {
    const model = new Model({ airlocks: 2 });
    const key = () => { const out = new Uint32Array(3); model.save(out, 0, false); return [...out]; };
    const fresh = key();
    apply(model, event(REBOOT));
    const window = key();
    expect(window).not.toEqual(fresh);
    model.load(new Uint32Array(window), 0);
    expect([model.world.booting, model.world.doorAwaitsRequest, model.world.environmentAwaitsRequest, model.world.airlocks[1].awaitsRequest]).toEqual([true, true, true, true]);
    expect(model.machine(1).state).toBeUndefined();
    expect(key()).toEqual(window);
    apply(model, event(BOOTED)); // a full, closed, warm bay: relaxed, but with no goal
    expect([model.states.deck(), model.deckGoal(), model.states.environment(), model.world.booting]).toEqual(['relaxed', undefined, 'friendly', false]);
    expect(model.world.airlocks.map((a) => a.awaitsRequest)).toEqual([true, true]);
  });
});
