// Rules broken on purpose, by name: `npm run verify -- --break NAME` shows the checker catching each one, so a
// clean run means something. Each replaces some of the coordination's hooks (CheckOptions.rules), or a part of
// the controller's boot (CheckOptions.boot).
import type { MachineId } from '../firmware/board/signals';
import { environmentAfterBoot } from '../firmware/controller/reconstruct';
import type { PostHook, PreHook } from '../firmware/core';
import { deckRequirements } from '../firmware/machines';
import { holdsFull } from '../firmware/thresholds';
import type { CheckOptions } from './check';

type Rules = NonNullable<CheckOptions['rules']>;
type Hooks = Parameters<Rules>[0];
type Boot = NonNullable<CheckOptions['boot']>;

// The coordination's hooks are named functions; a mutation drops one by name.
const without = (hooks: Hooks, id: keyof Hooks, name: string): Hooks => {
  const h = hooks[id]!;
  return { ...hooks, [id]: { pre: h.pre.filter((f) => f.name !== name), post: h.post.filter((f) => f.name !== name) } };
};

export interface Mutation { readonly what: string; readonly rules?: Rules; readonly boot?: Boot }

// The deck's settled states by what door E and the environment show, as the rebuild before issue 27 inferred them.
const SETTLED = Object.entries(deckRequirements).map(([state, r]) => ({ state, ...r }));

export const MUTATIONS: { readonly [name: string]: Mutation } = {
  'recall': {
    what: 'nobody is recalled: neither on red alert nor when the bay leaves friendly',
    rules: (hooks) => without(without(hooks, 'battle deck', 'redAlert'), 'bay environment', 'followBay'),
  },
  'hasty-door-e': {
    what: 'the deck tells door E to open the moment it starts activating, and door E does not check the bay',
    rules: (hooks, system) => {
      const early: PostHook = (t) => { if (t.to === 'activating') system().send('bay door', 'open requested'); };
      const deck = hooks['battle deck']!;
      return { ...hooks, 'battle deck': { pre: deck.pre, post: [...deck.post, early] }, 'bay door': { pre: [], post: hooks['bay door']!.post } };
    },
  },
  'no-airlock-rules': {
    what: 'the airlocks\' pre hook is gone: rule 3, the recall\'s refusal and the pressure checks before a door starts',
    rules: (hooks) => {
      const out = { ...hooks };
      for (const id of Object.keys(hooks) as (keyof Hooks)[]) if (id.startsWith('airlock ')) out[id] = { pre: [], post: hooks[id]!.post };
      return out;
    },
  },
  'resume-after-reset': {
    what: 'the deck keeps its goal through a fault and an operator reset of door E or the environment, which then resume it',
    rules: (hooks) => {
      const keepGoal: PreHook = (t) => t.event !== 'stand by' || t.goalBefore === undefined || 'the deck keeps its goal';
      const deck = hooks['battle deck']!;
      return { ...hooks, 'battle deck': { pre: [keepGoal, ...deck.pre], post: deck.post } };
    },
  },
  'airlock-resumes': {
    what: 'an airlock\'s reset, which closes its doors, opens the door it closes again (as a goal kept through the fault would)',
    rules: (hooks, system) => {
      const resume: PostHook = (t) => {
        if (t.event === 'reset') system().send(t.machine.name as MachineId, t.to === 'closing inner' ? 'ask open inner' : 'ask open outer');
      };
      const out = { ...hooks };
      for (const id of Object.keys(hooks) as (keyof Hooks)[]) if (id.startsWith('airlock ')) out[id] = { pre: hooks[id]!.pre, post: [...hooks[id]!.post, resume] };
      return out;
    },
  },
  'boot-defaults': {
    what: 'until the sensors are read after a boot, every machine shows its default state (deck relaxed, environment friendly…)',
    boot: { window: (m) => ({ state: m.definition.initial, goal: m.definition.initialGoal }) },
  },
  'resume-after-reboot': {
    what: 'the rebuild after a boot resumes: a bay found between empties, one found cold heats',
    boot: {
      environment: (kPa, tempC, doorClosed, t) => {
        const r = environmentAfterBoot(kPa, tempC, doorClosed, t);
        return r.state !== 'holding' ? r : { state: holdsFull(kPa, t) ? 'heating' : 'depressurizing' };
      },
    },
  },
  'boot-remembers': {
    what: 'the coordination\'s memory survives a power loss: an outer door held back by rule 3 before it opens after the boot',
    boot: { memory: (before) => before },
  },
  'deck-infers-goal': {
    what: 'the deck takes for its goal the state the bay shows at boot (its goal is intent, which no sensor shows)',
    boot: {
      deck: (env, door) => {
        const s = SETTLED.find((x) => x.bayEnvironment === env && x.bayDoor === door)?.state;
        return s ? { state: s, goal: s } : { state: 'standing by' };
      },
    },
  },
};

export const mutationNames = Object.keys(MUTATIONS);
