// The launch bay's logic (machines and hooks) with readings a test sets by hand: pressures in kPa, door E's
// closed limit, the bay's warmth. The test moves the world; the system only reads it.
import { createSystem, type LaunchBaySystem, type SystemOptions } from '../../firmware/system';

const hosts = ['battle deck', 'bay door', 'bay environment', 'airlock A', 'airlock B', 'airlock C', 'airlock D'] as const;
export const FULL = 101.3, EMPTY = 0;

export interface LogicBay {
  sys: LaunchBaySystem;
  /** Readings, kPa: `bay`, `A`…`D`. */
  kPa: Record<string, number>;
  world: { bayDoorClosed: boolean; bayWarm: boolean };
  state(id: string): string | undefined;
  goal(id: string): string | undefined;
  /** The controller's scan: the coordination's watch. */
  scan(): void;
}

export function logicBay(initial = {}, options: Partial<SystemOptions> = {}): LogicBay {
  const kPa: Record<string, number> = { bay: FULL, A: FULL, B: FULL, C: FULL, D: FULL };
  const world = { bayDoorClosed: true, bayWarm: true };
  const sys = createSystem({
    hosts, initial, kPa: (p) => kPa[p], outerDoorClosed: () => true,
    bayDoorClosed: () => world.bayDoorClosed, bayWarm: () => world.bayWarm, ...options,
  });
  const machine = (id: string) => sys.machines[id as keyof typeof sys.machines];
  return {
    sys, kPa, world,
    state: (id) => machine(id)?.state, goal: (id) => machine(id)?.goal,
    scan: () => sys.coordination.watch(),
  };
}
