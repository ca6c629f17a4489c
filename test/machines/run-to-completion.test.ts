// Machines sharing a dispatcher: events sent from hooks wait until the current transition completes, then run in order.
import { describe, expect, it } from 'vitest';
import { battleDeck, bayDoor, createDispatcher, createMachine } from '../../firmware';

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
