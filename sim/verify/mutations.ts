// Rules broken on purpose, by name: `npm run verify -- --break NAME` shows the checker catching each one, so a
// clean run means something. Each replaces some of the coordination's hooks (CheckOptions.rules).
import type { PostHook } from '../../firmware/core';
import type { CheckOptions } from './check';

type Rules = NonNullable<CheckOptions['rules']>;
type Hooks = Parameters<Rules>[0];

// The coordination's hooks are named functions; a mutation drops one by name.
const without = (hooks: Hooks, id: keyof Hooks, name: string): Hooks => {
  const h = hooks[id]!;
  return { ...hooks, [id]: { pre: h.pre.filter((f) => f.name !== name), post: h.post.filter((f) => f.name !== name) } };
};

export const MUTATIONS: { readonly [name: string]: { readonly what: string; readonly rules: Rules } } = {
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
};

export const mutationNames = Object.keys(MUTATIONS);
