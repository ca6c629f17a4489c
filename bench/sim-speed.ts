// Simulation speed: a soak of random operator actions (airlock buttons, deck requests on the bridge buttons) on
// the sim board through createSimWorld, the whole bay in virtual time; simulated seconds per wall-clock second.
import { shipAirlocks } from '../firmware/board/signals';
import { loadBoard } from '../scripts/lib/board-file';
import { random } from './dispatch/stream';
import { createSimWorld } from '../sim/world';

const DECK_BUTTONS = ['deck active request', 'deck ready request', 'deck relaxed request'];
const AIRLOCK_BUTTONS = shipAirlocks.flatMap((l) => [1, 2, 3, 4].map((n) => `airlock ${l} button ${n}`));

export interface SimSpeed { simulatedS: number; wallS: number; speed: number; actions: number }

/**
 * Runs `hours` of simulated time: every 5 to 120 s an operator presses a button, one time in five a deck
 * request on the bridge, otherwise an airlock button. The seed fixes the schedule.
 */
export function measureSimSpeed(hours = 24, seed = 7, now: () => number = () => performance.now()): SimSpeed {
  const world = createSimWorld({ board: loadBoard('sim'), seed });
  const next = random(seed);
  const endMs = hours * 3_600_000;
  let actions = 0;
  const started = now();
  try {
    while (world.clock.now() < endMs) {
      world.advance(Math.min(5_000 + Math.floor(next() * 115_000), endMs - world.clock.now()));
      const buttons = next() < 0.2 ? DECK_BUTTONS : AIRLOCK_BUTTONS;
      world.press(buttons[Math.floor(next() * buttons.length)], 100 + Math.floor(next() * 400));
      actions++;
    }
  } finally {
    world.stop();
  }
  const wallS = (now() - started) / 1000, simulatedS = endMs / 1000;
  return { simulatedS, wallS, speed: simulatedS / wallS, actions };
}
