// The firmware's own machines on the matrix engine, with one pre and one post hook, as the bench drives them.
import { createMachine } from '../../firmware/core';
import { airlock, bayDoor } from '../../firmware/machines';
import { sensorsOf, type Implementation, type Runner } from './hooks';

export const ours: Implementation = (which, env, hooks): Runner<readonly string[]> => {
  const machine = createMachine(which === 'airlock' ? airlock : bayDoor, {
    sensors: sensorsOf(env),
    pre: () => { hooks.pre++; return true; },
    post: () => { hooks.post++; },
  } as never);
  return {
    prepare: (events) => events,
    run(events, bits, from, to) {
      for (let i = from; i < to; i++) {
        env.bits = bits[i];
        machine.handle(events[i] as never);
      }
    },
    state: () => machine.state!,
    goal: () => machine.goal,
  };
};
