// The airlock and the bay door written idiomatically in robot3: states of transitions, the pre hook as a guard and
// the post hook as an action on every transition, the goal in context via `reduce`. `impossible` cells are left out
// (the stream never sends them), `no change` is an unhandled event, and a beep re-enters its own state.
import { action, createMachine, guard, interpret, reduce, state, transition, type Action, type Guard, type Reducer } from 'robot3';
import {
  bayHostile, followTargets, nextStep, outerDoorClosed, outerGoal, rereadGoal, restingState, restTargets,
  type AirlockGoal, type Env, type Hooks, type Implementation, type Runner,
} from './hooks';

interface Context { goal: AirlockGoal | undefined }
// robot3's typings want a machine's own state names; these helpers build transitions for any of them.
type Arg = Guard<Context, unknown> | Reducer<Context, unknown> | Action<Context, unknown>;
const go = (event: string, target: string, ...args: Arg[]) => transition<string, Context, unknown>(event, target, ...args);

function airlockMachine(env: Env, hooks: Hooks) {
  const pre = guard<Context, unknown>(() => { hooks.pre++; return true; });
  const post = action<Context, unknown>(() => { hooks.post++; });
  const hostile = guard<Context, unknown>(() => bayHostile(env));
  const friendly = guard<Context, unknown>(() => !bayHostile(env));
  const setOuter = reduce<Context, unknown>((ctx) => ({ ...ctx, goal: outerGoal(env) }));
  const setInner = reduce<Context, unknown>((ctx) => ({ ...ctx, goal: 'inner open' }));
  const clearGoal = reduce<Context, unknown>((ctx) => ({ ...ctx, goal: undefined }));
  const outerChanges = guard<Context, unknown>((ctx) => outerGoal(env) !== ctx.goal);
  const innerChanges = guard<Context, unknown>((ctx) => ctx.goal !== 'inner open');
  const to = (event: string, target: string) => go(event, target, pre, post);
  const outer = (target: string, ...conditions: Arg[]) => go('ask open outer', target, ...conditions, pre, setOuter, post);
  const inner = (target: string, ...conditions: Arg[]) => go('ask open inner', target, ...conditions, pre, setInner, post);
  const beep = (event: string, self: string) => go(event, self, action<Context, unknown>(() => {}));
  const faults = (self: string) => [to('deadline missed', 'faulted'), to('sensor fault', 'faulted'), beep('reset', self)];
  const faultsAtRest = (self: string) => [to('sensor fault', 'faulted'), beep('reset', self)];
  // Every follow-goal event is `finished <the state it leaves>`.
  const follow = (event: string, from = event.slice('finished '.length)) => [
    ...followTargets.map((target) => go(event, target, guard<Context, unknown>((ctx) => nextStep(rereadGoal(ctx.goal, env), env, from) === target),
      pre, reduce<Context, unknown>((ctx) => ({ ...ctx, goal: rereadGoal(ctx.goal, env) })), post)),
    // A vetoed step rests where the chamber says, unless that is where the step led anyway.
    ...restTargets.map((target) => go(event, target, guard<Context, unknown>((ctx) =>
      restingState(env) === target && nextStep(rereadGoal(ctx.goal, env), env, from) !== target), pre, post)),
  ];

  return createMachine('closed pressurized', {
    'closed pressurized': state(outer('depressurizing', hostile), outer('opening outer', friendly), inner('opening inner'), ...faultsAtRest('closed pressurized')),
    'closed depressurized': state(outer('opening outer', hostile), outer('pressurizing', friendly), inner('pressurizing'), ...faultsAtRest('closed depressurized')),
    'opening outer': state(beep('ask open outer', 'opening outer'), inner('closing outer'), to('bay changing', 'closing outer'),
      go('finished opening outer', 'outer open hostile', hostile, pre, post), go('finished opening outer', 'outer open friendly', friendly, pre, post),
      ...faults('opening outer')),
    'opening inner': state(outer('closing inner'), beep('ask open inner', 'opening inner'), to('finished opening inner', 'inner open'), ...faults('opening inner')),
    'closing outer': state(outer('opening outer'), inner('closing outer', innerChanges), ...follow('finished closing outer'), ...faults('closing outer')),
    'closing inner': state(outer('closing inner', outerChanges), inner('opening inner'), ...follow('finished closing inner'), ...faults('closing inner')),
    // Decisions 1 and 2: reverse the pumps only when the re-read goal needs the other pressure.
    'pressurizing': state(outer('depressurizing', hostile), outer('pressurizing', friendly, outerChanges), inner('pressurizing', innerChanges),
      ...follow('finished pressurizing'), ...faults('pressurizing')),
    'depressurizing': state(outer('depressurizing', hostile, outerChanges), outer('pressurizing', friendly), inner('pressurizing'),
      ...follow('finished depressurizing'), ...faults('depressurizing')),
    'inner open': state(outer('closing inner'), beep('ask open inner', 'inner open'), ...faultsAtRest('inner open')),
    'outer open friendly': state(beep('ask open outer', 'outer open friendly'), inner('closing outer'), ...faultsAtRest('outer open friendly')),
    'outer open hostile': state(beep('ask open outer', 'outer open hostile'), inner('closing outer'), ...faultsAtRest('outer open hostile')),
    'faulted': state(beep('ask open outer', 'faulted'), beep('ask open inner', 'faulted'),
      go('reset', 'closing inner', guard<Context, unknown>(() => outerDoorClosed(env)), pre, clearGoal, post),
      go('reset', 'closing outer', guard<Context, unknown>(() => !outerDoorClosed(env)), pre, clearGoal, post)),
  }, (): Context => ({ goal: undefined }));
}

function bayDoorMachine(hooks: Hooks) {
  const pre = guard<Context, unknown>(() => { hooks.pre++; return true; });
  const post = action<Context, unknown>(() => { hooks.post++; });
  const to = (event: string, target: string) => go(event, target, pre, post);
  const beep = (event: string, self: string) => go(event, self, action<Context, unknown>(() => {}));
  return createMachine('closed', {
    'open': state(to('close requested', 'closing'), to('sensor fault', 'faulted'), beep('reset', 'open')),
    'closed': state(to('open requested', 'opening'), to('sensor fault', 'faulted'), beep('reset', 'closed')),
    'opening': state(to('close requested', 'closing'), to('finished opening', 'open'), to('deadline missed', 'faulted'), to('sensor fault', 'faulted'), beep('reset', 'opening')),
    'closing': state(to('open requested', 'opening'), to('finished closing', 'closed'), to('deadline missed', 'faulted'), to('sensor fault', 'faulted'), beep('reset', 'closing')),
    // Stopped where it stands; closing is the safe direction once an operator has cleared the fault.
    'faulted': state(beep('open requested', 'faulted'), beep('close requested', 'faulted'), to('reset', 'closing')),
  });
}

export const robot3: Implementation = (which, env, hooks): Runner<readonly string[]> => {
  const service = interpret(which === 'airlock' ? airlockMachine(env, hooks) as never : bayDoorMachine(hooks) as never, () => {}) as unknown as {
    send(event: string): void; machine: { current: string }; context: { goal?: string };
  };
  return {
    prepare: (events) => events,
    run(events, bits, from, to) {
      for (let i = from; i < to; i++) {
        env.bits = bits[i];
        service.send(events[i]);
      }
    },
    state: () => service.machine.current,
    goal: () => service.context.goal,
  };
};
