// Machines sharing a dispatcher: events sent from hooks wait until the current transition completes, then run in order.
import { describe, expect, it } from 'vitest';
import { battleDeck, bayDoor, beep, createDispatcher, createMachine, defineMachine, noChange, to, when } from '../../firmware';

// The deck's post hook asks the door to open and reports it opened; the door's post hook reports back to the deck.
function launchBay(log: string[]) {
  const dispatcher = createDispatcher();
  const door = createMachine(bayDoor, {
    dispatcher,
    post: (t) => {
      log.push(`door ${t.from} → ${t.to}`);
      if (t.to === 'open') deck.handle('now active');
    },
  });
  const deck = createMachine(battleDeck, {
    dispatcher,
    post: (t) => {
      log.push(`deck ${t.from} → ${t.to}`);
      if (t.to !== 'activating') return;
      door.handle('open requested');
      door.handle('finished opening');
      log.push(`deck hook done, door still ${door.state}`);
    },
  });
  return { door, deck };
}

describe('run to completion', () => {
  it('handles events sent from hooks after the current transition, in the order they were sent', () => {
    const log: string[] = [];
    const { door, deck } = launchBay(log);
    deck.handle('active requested');
    expect(log).toEqual([
      'deck relaxed → activating',
      'deck hook done, door still closed',
      'door closed → opening',
      'door opening → open',
      'deck activating → active',
    ]);
    expect([deck.state, door.state]).toEqual(['active', 'open']);
  });

  it('queues an event a machine sends itself from its own hook', () => {
    const seen: string[] = [];
    const door = createMachine(bayDoor, {
      post: (t) => {
        if (t.to === 'opening') door.handle('finished opening');
        seen.push(`${t.to}, state ${door.state}`);
      },
    });
    door.handle('open requested');
    expect(seen).toEqual(['opening, state opening', 'open, state open']);
  });
});

describe('an event that would do nothing where it is sent', () => {
  // `poke` is `no change` and `knock` a beep in `a`, and both lead back to `a` from `b`.
  const pair = defineMachine({
    name: 'pair', initial: 'a', states: ['a', 'b'], events: ['go', 'poke', 'knock'],
    matrix: { a: [to('b'), noChange, beep], b: [beep, to('a'), to('a')] },
  });

  for (const event of ['poke', 'knock'] as const) {
    it(`waits its turn when sent from a hook (${event}), and is judged in the state the transition led to`, () => {
      const seen: string[] = [];
      // Sent from the pre hook, while the machine is still in `a`, where the event does nothing.
      const m = createMachine(pair, {
        pre: (t) => { if (t.to === 'b') m.handle(event); },
        post: (t) => { seen.push(`${t.from} → ${t.to} on ${t.event}`); },
      });
      m.handle('go');
      expect(seen).toEqual(['a → b on go', `b → a on ${event}`]);
      expect(m.state).toBe('a');
    });
  }

  it('is still reported when someone listens for beeps', () => {
    const beeps: string[] = [];
    const m = createMachine(pair, { onBeep: (_m, state, event) => beeps.push(`${event} in ${state}`) });
    m.handle('knock');
    m.handle('poke');
    expect(beeps).toEqual(['knock in a']);
    expect(m.state).toBe('a');
  });

  it('is still refused as unknown when it is no event of the machine', () => {
    const m = createMachine(pair);
    expect(() => m.handle('shove' as never)).toThrow(/shove/);
    m.handle('go');
    expect(m.state).toBe('b');
  });
});

describe('an error escaping a hook', () => {
  // Both paths of handle: a plain `→ X` (taken in handle itself) and a `when` (taken through run).
  const pair = defineMachine({
    name: 'pair', initial: 'a', states: ['a', 'b'], events: ['go', 'back', 'poke'], sensors: ['up'],
    matrix: { a: [to('b'), noChange, noChange], b: [noChange, when('up', to('a'), noChange), noChange] },
  });

  for (const [event, from] of [['go', 'a'], ['back', 'b']] as const) {
    it(`leaves the queue empty and the dispatcher idle (${event})`, () => {
      const dispatcher = createDispatcher(), seen: string[] = [];
      let fail = true;
      const m = createMachine(pair, {
        dispatcher, sensors: { up: () => true }, state: from,
        post: (t) => {
          seen.push(`${t.from} → ${t.to} on ${t.event}`);
          if (!fail) return;
          m.handle(t.event === 'go' ? 'back' : 'go'); // queued behind the transition, then abandoned
          throw new Error('hook failed');
        },
      });
      expect(() => m.handle(event)).toThrow('hook failed');
      expect(dispatcher.running).toBe(false);
      expect(dispatcher.queued).toBe(false);
      fail = false;
      // The dispatcher takes events again, and nothing queued before the error is handled.
      m.handle(event === 'go' ? 'back' : 'go');
      expect(seen).toEqual([`${from} → ${from === 'a' ? 'b' : 'a'} on ${event}`, `${from === 'a' ? 'b' : 'a'} → ${from} on ${event === 'go' ? 'back' : 'go'}`]);
    });
  }
});
