// What every implementation under test shares: the sensor readings, the one pre and one post hook, and the airlock's
// goal rules (MACHINES.md decision 3) for the XState and robot3 copies, which cannot use the firmware's.

/**
 * The sensors every implementation reads, one bit each in the airlock's sensor order: bit 0 bayHostile, bit 1
 * chamberPressurized, bit 2 chamberEmpty, bit 3 outerDoorClosed.
 */
export interface Env { bits: number }
export const bayHostile = (env: Env): boolean => (env.bits & 1) !== 0;
const chamberPressurized = (env: Env): boolean => (env.bits & 2) !== 0;
const chamberEmpty = (env: Env): boolean => (env.bits & 4) !== 0;
export const outerDoorClosed = (env: Env): boolean => (env.bits & 8) !== 0;
/** The firmware's sensor functions over an Env. */
export const sensorsOf = (env: Env) => ({
  bayHostile: () => bayHostile(env), chamberPressurized: () => chamberPressurized(env),
  chamberEmpty: () => chamberEmpty(env), outerDoorClosed: () => outerDoorClosed(env),
});

/** The hooks count what they see; the pre hook never vetoes, so every implementation takes every transition. */
export interface Hooks { pre: number; post: number }
export const createHooks = (): Hooks => ({ pre: 0, post: 0 });

export type MachineName = 'airlock' | 'bay door';

/** One implementation of one machine, ready to be timed. `P` is its prepared form of a list of event names. */
export interface Runner<P = unknown> {
  prepare(events: readonly string[]): P;
  /** Sends prepared events `from` up to (not including) `to`, setting the sensors from `bits` before each. */
  run(events: P, bits: Uint8Array, from: number, to: number): void;
  state(): string;
  goal(): string | undefined;
}

export type Implementation = (machine: MachineName, env: Env, hooks: Hooks) => Runner;

export type AirlockGoal = 'inner open' | 'outer open friendly' | 'outer open hostile';

export const outerGoal = (env: Env): AirlockGoal => (bayHostile(env) ? 'outer open hostile' : 'outer open friendly');
export const restingState = (env: Env) =>
  (chamberPressurized(env) ? 'closed pressurized' : chamberEmpty(env) ? 'closed depressurized' : 'pressurizing');

/** The goal as re-read when the next step is taken: an outer goal follows bayHostile. */
export const rereadGoal = (goal: AirlockGoal | undefined, env: Env): AirlockGoal | undefined =>
  (goal === undefined || goal === 'inner open' ? goal : outerGoal(env));

/** The next step toward the (re-read) goal from `from`, given the sensors now (the firmware's follow.next). */
export function nextStep(goal: AirlockGoal | undefined, env: Env, from: string): string {
  // A chamber just closed off from the bay is pumped to a definite pressure, as the firmware's airlock does.
  if (from === 'closing outer') return goal !== undefined && goal !== 'inner open' && bayHostile(env) ? 'depressurizing' : 'pressurizing';
  if (goal === undefined) return restingState(env);
  if (goal === 'inner open') return chamberPressurized(env) ? 'opening inner' : 'pressurizing';
  if (bayHostile(env)) return chamberEmpty(env) ? 'opening outer' : 'depressurizing';
  return chamberPressurized(env) ? 'opening outer' : 'pressurizing';
}

/** Every state a follow-goal step can lead to, and the resting states a vetoed step falls back on. */
export const followTargets = ['opening inner', 'pressurizing', 'opening outer', 'depressurizing', 'closed pressurized', 'closed depressurized'] as const;
export const restTargets = ['closed pressurized', 'closed depressurized', 'pressurizing'] as const;
