// Waiting in real time without waiting longer than needed: poll a condition, and press a button until the bay reacts.
import type { SimulatedArduino } from '../../emulators/firmata/arduino';

/** Polls `condition` every 10 ms; true as soon as it holds, false after `limitMs`. */
export async function until(condition: () => boolean, limitMs = 5000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/**
 * Holds a button until `condition` holds, then lets go, as a finger waits for the bay to react. A fixed short press
 * can be lost on a loaded machine: a host that stalls longer than the press reads both edges at once, and its
 * debounce then sees the button already released.
 */
export async function pressUntil(arduino: SimulatedArduino, signal: string, condition: () => boolean, limitMs = 5000): Promise<boolean> {
  arduino.hold(signal);
  try {
    return await until(condition, limitMs);
  } finally {
    arduino.release(signal);
  }
}

/**
 * Presses `button` (a model's buttons) until `condition`, as a person would: held for a moment, and pressed again
 * while nothing happens (a press the controller refused changes nothing, and a held button gives no second edge).
 */
export async function pressAgainUntil(buttons: { [name: string]: boolean }, button: string, condition: () => boolean, limitMs = 30_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!condition() && Date.now() < end) {
    buttons[button] = true;
    await until(condition, 1000);
    buttons[button] = false;
    if (!condition()) await until(condition, 500);
  }
  return condition();
}
