// The checker's model runs the real machines and hooks, and moves its abstract world only as physics allows.
import { describe, expect, it } from 'vitest';
import { Model } from '../../verify';
import { AIR, ASK, BAY_DOOR, DOOR, ENVIRONMENT, event, EventList, FINISH, FIRST_AIRLOCK, REQUEST } from '../../verify/events';
import { apply, enabledEvents } from '../../verify/step';
import { CLOSED, EMPTY, FULL, MOVING, OPEN } from '../../verify/world';

const ACTIVE = 0;
const enabled = (model: Model) => { const list = new EventList(); enabledEvents(model, list); return [...list.codes.subarray(0, list.length)]; };
const key = (model: Model, canonical = true) => { const out = new Uint32Array(model.width); model.save(out, 0, canonical); return [...out]; };

/** Sends the first enabled event of `kind` (and slot), as the world would. */
function step(model: Model, kind: number, slot?: number): void {
  const e = enabled(model).find((x) => (x & 15) === kind && (slot === undefined || ((x >> 4) & 31) === slot));
  if (e === undefined) throw new Error(`no enabled event of kind ${kind} in slot ${slot}`);
  apply(model, e);
}

describe('the checker model', () => {
  it('starts relaxed and settled: every door closed, every chamber and the bay full', () => {
    const model = new Model({ airlocks: 2 });
    expect(model.states.deck()).toBe('relaxed');
    expect(model.world).toMatchObject({ bay: FULL, bayDoor: CLOSED, airlocks: [{ chamber: FULL, outer: CLOSED, inner: CLOSED }, { chamber: FULL, outer: CLOSED, inner: CLOSED }] });
  });

  it('drives the real machines and hooks: a deck request empties the bay through the environment', () => {
    const model = new Model({ airlocks: 0 });
    apply(model, event(REQUEST, 0, ACTIVE));
    expect([model.states.deck(), model.states.bayDoor(), model.states.environment()]).toEqual(['activating', 'closed', 'depressurizing']);
  });

  it('sends finished depressurizing only once the bay is empty, and opens door E only after', () => {
    const model = new Model({ airlocks: 0 });
    apply(model, event(REQUEST, 0, ACTIVE));
    expect(enabled(model)).not.toContain(event(FINISH, ENVIRONMENT));
    step(model, AIR, ENVIRONMENT); step(model, AIR, ENVIRONMENT);
    expect(model.world.bay).toBe(EMPTY);
    step(model, FINISH, ENVIRONMENT);
    expect(model.states.bayDoor()).toBe('opening');
    expect(enabled(model)).not.toContain(event(FINISH, BAY_DOOR));
    step(model, DOOR, BAY_DOOR);
    expect(model.world.bayDoor).toBe(MOVING);
    step(model, DOOR, BAY_DOOR);
    step(model, FINISH, BAY_DOOR);
    expect([model.states.deck(), model.world.bayDoor]).toEqual(['active', OPEN]);
  });

  it('lets a chamber joined to the bay through its open outer door follow the bay', () => {
    const model = new Model({ airlocks: 1 });
    apply(model, event(ASK, FIRST_AIRLOCK, 0));
    step(model, DOOR, FIRST_AIRLOCK);
    apply(model, event(REQUEST, 0, 1)); // ready: the airlock is recalled, the bay vents
    step(model, AIR, ENVIRONMENT);
    expect(model.world.airlocks[0]).toMatchObject({ outer: MOVING, chamber: model.world.bay });
  });

  it('keeps door E stopped by the interlock when the machines ask it to open into a bay that is not hostile', () => {
    const model = new Model({ airlocks: 0 });
    model.system.machines['bay door']!.restore('opening', undefined);
    expect(model.outputs.wantedBayDoor()).toBe('open');
    expect(model.outputs.bayDoorMotor()).toBe('stop');
    expect(enabled(model)).not.toContain(event(DOOR, BAY_DOOR));
    expect(new Model({ airlocks: 0, interlock: false }).outputs.bind(model.world, model.states).bayDoorMotor()).toBe('open');
  });

  it('saves and loads a state without losing the machines, the memory or the world', () => {
    const model = new Model({ airlocks: 2 });
    apply(model, event(ASK, FIRST_AIRLOCK + 1, 0));
    step(model, DOOR, FIRST_AIRLOCK + 1);
    apply(model, event(REQUEST, 0, 1)); // ready: B is recalled
    const saved = new Uint32Array(model.width);
    model.save(saved, 0, false);
    const before = key(model, false), recalled = { ...model.system.coordination.memory.recalled };
    expect(recalled.B).toBe(true);
    apply(model, event(REQUEST, 0, 2));
    model.load(saved, 0);
    expect(key(model, false)).toEqual(before);
    expect(model.system.coordination.memory.recalled).toEqual(recalled);
    expect(model.machine(1).state).toBe('closing outer');
  });

  it('gives one key to two states that differ only in which airlock is which', () => {
    const a = new Model({ airlocks: 2 }), b = new Model({ airlocks: 2 });
    apply(a, event(ASK, FIRST_AIRLOCK, 1));
    apply(b, event(ASK, FIRST_AIRLOCK + 1, 1));
    expect(key(a)).toEqual(key(b));
    expect(key(a, false)).not.toEqual(key(b, false));
  });
});
