// The airlock and the bay door written idiomatically in XState v5: `setup` with named guards and actions, the
// pre hook as a guard and the post hook as an action on every transition, the goal in context via `assign`.
// Cells that are `impossible` are simply left out (the stream never sends them); `no change` is an unhandled event.
import { and, assign, createActor, not, setup, type AnyStateMachine } from 'xstate';
import {
  bayHostile, followTargets, nextStep, outerDoorClosed, outerGoal, rereadGoal, restingState, restTargets,
  type AirlockGoal, type Env, type Hooks, type Implementation, type Runner,
} from './hooks';

type Event = { type: string };

function airlockMachine(env: Env, hooks: Hooks) {
  const s = setup({
    types: { context: {} as { goal: AirlockGoal | undefined }, events: {} as Event },
    guards: {
      pre: () => { hooks.pre++; return true; },
      bayHostile: () => bayHostile(env),
      outerDoorClosed: () => outerDoorClosed(env),
      outerGoalChanges: ({ context }) => outerGoal(env) !== context.goal,
      innerGoalChanges: ({ context }) => context.goal !== 'inner open',
      nextIs: ({ context }, params: { state: string; from: string }) => nextStep(rereadGoal(context.goal, env), env, params.from) === params.state,
      // A vetoed step rests where the chamber says, unless that is where the step led anyway.
      restIs: ({ context }, params: { state: string; from: string }) =>
        restingState(env) === params.state && nextStep(rereadGoal(context.goal, env), env, params.from) !== params.state,
    },
    actions: {
      post: () => { hooks.post++; },
      beep: () => {},
      setOuterGoal: assign({ goal: () => outerGoal(env) }),
      setInnerGoal: assign({ goal: () => 'inner open' as const }),
      rereadGoal: assign({ goal: ({ context }) => rereadGoal(context.goal, env) }),
      clearGoal: assign({ goal: () => undefined }),
    },
  });

  const to = (target: string) => ({ target, guard: 'pre', actions: 'post' }) as const;
  const outer = (target: string) => ({ target, guard: 'pre', actions: ['setOuterGoal', 'post'] }) as const;
  const inner = (target: string) => ({ target, guard: 'pre', actions: ['setInnerGoal', 'post'] }) as const;
  const outerIfHostile = (hostile: string, friendly: string) => [
    { target: hostile, guard: and(['bayHostile', 'pre']), actions: ['setOuterGoal', 'post'] },
    { target: friendly, guard: and([not('bayHostile'), 'pre']), actions: ['setOuterGoal', 'post'] },
  ] as const;
  const stayOuter = { guard: and(['outerGoalChanges', 'pre']), actions: ['setOuterGoal', 'post'] } as const;
  const stayInner = { guard: and(['innerGoalChanges', 'pre']), actions: ['setInnerGoal', 'post'] } as const;
  const beep = { actions: 'beep' } as const;
  const followGoal = (from: string) => [
    ...followTargets.map((target) => ({ target, guard: and([{ type: 'nextIs', params: { state: target, from } }, 'pre']), actions: ['rereadGoal', 'post'] }) as const),
    ...restTargets.map((target) => ({ target, guard: and([{ type: 'restIs', params: { state: target, from } }, 'pre']), actions: 'post' }) as const),
  ];
  const faults = { 'deadline missed': to('faulted'), 'sensor fault': to('faulted'), 'reset': beep } as const;
  const faultsAtRest = { 'sensor fault': to('faulted'), 'reset': beep } as const;

  return s.createMachine({
    id: 'airlock',
    initial: 'closed pressurized',
    context: { goal: undefined },
    states: {
      'closed pressurized': { on: { 'ask open outer': outerIfHostile('depressurizing', 'opening outer'), 'ask open inner': inner('opening inner'), ...faultsAtRest } },
      'closed depressurized': { on: { 'ask open outer': outerIfHostile('opening outer', 'pressurizing'), 'ask open inner': inner('pressurizing'), ...faultsAtRest } },
      'opening outer': {
        on: {
          'ask open outer': beep, 'ask open inner': inner('closing outer'), 'bay changing': to('closing outer'),
          'finished opening outer': [
            { target: 'outer open hostile', guard: and(['bayHostile', 'pre']), actions: 'post' },
            { target: 'outer open friendly', guard: and([not('bayHostile'), 'pre']), actions: 'post' },
          ],
          ...faults,
        },
      },
      'opening inner': { on: { 'ask open outer': outer('closing inner'), 'ask open inner': beep, 'finished opening inner': to('inner open'), ...faults } },
      'closing outer': { on: { 'ask open outer': outer('opening outer'), 'ask open inner': stayInner, 'finished closing outer': followGoal('closing outer'), ...faults } },
      'closing inner': { on: { 'ask open outer': stayOuter, 'ask open inner': inner('opening inner'), 'finished closing inner': followGoal('closing inner'), ...faults } },
      // Decisions 1 and 2: reverse the pumps only when the re-read goal needs the other pressure.
      'pressurizing': {
        on: {
          'ask open outer': [
            { target: 'depressurizing', guard: and(['bayHostile', 'pre']), actions: ['setOuterGoal', 'post'] },
            { guard: and([not('bayHostile'), 'outerGoalChanges', 'pre']), actions: ['setOuterGoal', 'post'] },
          ],
          'ask open inner': stayInner, 'finished pressurizing': followGoal('pressurizing'), ...faults,
        },
      },
      'depressurizing': {
        on: {
          'ask open outer': [
            { guard: and(['bayHostile', 'outerGoalChanges', 'pre']), actions: ['setOuterGoal', 'post'] },
            { target: 'pressurizing', guard: and([not('bayHostile'), 'pre']), actions: ['setOuterGoal', 'post'] },
          ],
          'ask open inner': inner('pressurizing'), 'finished depressurizing': followGoal('depressurizing'), ...faults,
        },
      },
      'inner open': { on: { 'ask open outer': outer('closing inner'), 'ask open inner': beep, ...faultsAtRest } },
      'outer open friendly': { on: { 'ask open outer': beep, 'ask open inner': inner('closing outer'), ...faultsAtRest } },
      'outer open hostile': { on: { 'ask open outer': beep, 'ask open inner': inner('closing outer'), ...faultsAtRest } },
      'faulted': {
        on: {
          'ask open outer': beep, 'ask open inner': beep,
          'reset': [
            { target: 'closing inner', guard: and(['outerDoorClosed', 'pre']), actions: ['clearGoal', 'post'] },
            { target: 'closing outer', guard: and([not('outerDoorClosed'), 'pre']), actions: ['clearGoal', 'post'] },
          ],
        },
      },
    },
  });
}

function bayDoorMachine(hooks: Hooks) {
  const s = setup({
    types: { events: {} as Event },
    guards: { pre: () => { hooks.pre++; return true; } },
    actions: { post: () => { hooks.post++; }, beep: () => {} },
  });
  const to = (target: string) => ({ target, guard: 'pre', actions: 'post' }) as const;
  const beep = { actions: 'beep' } as const;
  return s.createMachine({
    id: 'bay door',
    initial: 'closed',
    states: {
      'open': { on: { 'close requested': to('closing'), 'sensor fault': to('faulted'), 'reset': beep } },
      'closed': { on: { 'open requested': to('opening'), 'sensor fault': to('faulted'), 'reset': beep } },
      'opening': { on: { 'close requested': to('closing'), 'finished opening': to('open'), 'deadline missed': to('faulted'), 'sensor fault': to('faulted'), 'reset': beep } },
      'closing': { on: { 'open requested': to('opening'), 'finished closing': to('closed'), 'deadline missed': to('faulted'), 'sensor fault': to('faulted'), 'reset': beep } },
      // Stopped where it stands; closing is the safe direction once an operator has cleared the fault.
      'faulted': { on: { 'open requested': beep, 'close requested': beep, 'reset': to('closing') } },
    },
  });
}

export const xstate: Implementation = (which, env, hooks): Runner<readonly Event[]> => {
  const machine: AnyStateMachine = which === 'airlock' ? airlockMachine(env, hooks) : bayDoorMachine(hooks);
  const actor = createActor(machine).start();
  return {
    // Event objects made once, as an application would keep them, so the timing is of XState and not of the caller.
    prepare: (events) => events.map((type) => ({ type })),
    run(events, bits, from, to) {
      for (let i = from; i < to; i++) {
        env.bits = bits[i];
        actor.send(events[i]);
      }
    },
    state: () => actor.getSnapshot().value as string,
    goal: () => (actor.getSnapshot().context as { goal?: string } | undefined)?.goal,
  };
};
