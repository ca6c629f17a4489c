// Simulation speed: a soak of random operator actions (airlock buttons, deck requests on the bridge buttons) on
// the sim board through createSimWorld, the whole bay in virtual time; simulated seconds per wall-clock second.
import { shipAirlocks } from '../firmware/board/signals';
import { loadBoard } from '../scripts/lib/board-file';
import { random } from './dispatch/stream';
import { createSimWorld, type SimWorld, type SimWorldOptions } from '../sim/world';

const DECK_BUTTONS = ['deck active request', 'deck ready request', 'deck relaxed request'];
const AIRLOCK_BUTTONS = shipAirlocks.flatMap((l) => [1, 2, 3, 4].map((n) => `airlock ${l} button ${n}`));

export interface SimSpeed { simulatedS: number; wallS: number; speed: number; actions: number }

/** The soak's world: the sim board, noise seeded with the soak's seed. */
export const soakWorld = (seed: number, onReport?: SimWorldOptions['onReport']): SimWorld =>
  createSimWorld({ board: loadBoard('sim'), seed, onReport });

/**
 * Runs `hours` of simulated time on `world`: every 5 to 120 s an operator presses a button, one time in five a
 * deck request on the bridge, otherwise an airlock button. The seed fixes the schedule. Returns the actions taken.
 */
export function soak(world: SimWorld, hours: number, seed: number): number {
  const next = random(seed);
  const endMs = hours * 3_600_000;
  let actions = 0;
  while (world.clock.now() < endMs) {
    world.advance(Math.min(5_000 + Math.floor(next() * 115_000), endMs - world.clock.now()));
    const buttons = next() < 0.2 ? DECK_BUTTONS : AIRLOCK_BUTTONS;
    world.press(buttons[Math.floor(next() * buttons.length)], 100 + Math.floor(next() * 400));
    actions++;
  }
  return actions;
}

/** Times `soak` over `hours` (default a day) with seed 7. */
export function measureSimSpeed(hours = 24, seed = 7, now: () => number = () => performance.now()): SimSpeed {
  const world = soakWorld(seed);
  const started = now();
  let actions: number;
  try {
    actions = soak(world, hours, seed);
  } finally {
    world.stop();
  }
  const wallS = (now() - started) / 1000, simulatedS = hours * 3_600;
  return { simulatedS, wallS, speed: simulatedS / wallS, actions };
}
