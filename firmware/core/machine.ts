// A running machine: table-driven dispatch of one event, with pre hooks that may veto and post hooks that act.
import { BEEP, checks, FOLLOW, GOAL, NO_CHANGE, SENSE, TO, UNKNOWN, WHEN, type MachineDefinition, type Sensors } from './define';
import { Dispatcher } from './dispatcher';
import { ImpossibleEventError, UnknownEventError } from './errors';

/** What a hook sees. One object per machine, reused for every transition: read it, do not keep it. */
export interface Transition<S extends string = string, E extends string = string, G extends string = string> {
  machine: Machine<S, E, G>;
  from: S;
  to: S;
  event: E;
  goalBefore: G | undefined;
  goalAfter: G | undefined;
}

/**
 * A pre hook returns `false`, or the reason as a string, to veto; anything else lets the transition go ahead.
 * Every refusal should say why: return the reason (which rule, which recall, which sensor fact).
 */
export type PreHook<S extends string = string, E extends string = string, G extends string = string> = (t: Transition<S, E, G>) => boolean | string | void;
export type PostHook<S extends string = string, E extends string = string, G extends string = string> = (t: Transition<S, E, G>) => void;
/**
 * Told of a beep, an impossible event, or a veto (by a pre hook) in `state`. For a veto, `to` is the state the
 * refused transition led to and `reason` what the hook said (undefined when it only returned false).
 */
export type Report<S extends string = string, E extends string = string> = (machine: Machine<S, E, any>, state: S | undefined, event: E, to?: S, reason?: string) => void;

type OneOrMany<F> = F | readonly F[];

export interface MachineOptions<S extends string = string, E extends string = string, G extends string = string, Sn extends string = string> {
  /** This instance's name in errors and reports, e.g. `airlock B` (default: the definition's). */
  name?: string;
  state?: S;
  goal?: G;
  sensors?: Sensors<Sn>;
  pre?: OneOrMany<PreHook<S, E, G>>;
  post?: OneOrMany<PostHook<S, E, G>>;
  onBeep?: OneOrMany<Report<S, E>>;
  /** Given, impossible events are reported here and the state stays; absent, they throw ImpossibleEventError. */
  onImpossible?: OneOrMany<Report<S, E>>;
  onVeto?: OneOrMany<Report<S, E>>;
  /** Shared by machines that send each other events from hooks (run to completion). */
  dispatcher?: Dispatcher;
}

// Hooks and listeners joined into one function, made once per machine (undefined when there are none), so an
// event calls each directly: no list walked, and nothing built per event. A list is copied: later changes to it do
// not count. Joined pre hooks stop at the first veto (false or a reason) and return it, as a list of them does.
// (Up to five arguments, passed on by name: a spread would build an array on the device's stack per call.)
type Joinable = (a?: any, b?: any, c?: any, d?: any, e?: any) => unknown;
function join<F extends Joinable>(x: OneOrMany<F> | undefined, pre?: boolean): F | undefined {
  if (typeof x === 'function') return x as F;
  if (!x || x.length === 0) return undefined;
  const fs = x.slice();
  return fs.length === 1 ? fs[0] : ((a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown) => {
    for (let i = 0; i < fs.length; i++) {
      const verdict = fs[i](a, b, c, d, e);
      if (pre && (verdict === false || typeof verdict === 'string')) return verdict;
    }
  }) as F;
}

const UNKNOWN_REASON = 'the state is not known yet: nothing moves until it is';

export class Machine<S extends string = string, E extends string = string, G extends string = string, Sn extends string = string> {
  declare readonly name: string;
  declare readonly definition: MachineDefinition<S, E, G, Sn>;
  // What dispatch reads, in the order it reads it. These are TypeScript-private, not `#` fields: XS finds a `#` field
  // by a walk that costs several plain property reads (bench/xs/profile.ts), and dispatch reads a dozen per event.
  private dispatcher: { running: boolean; queued: boolean } & Dispatcher;
  /** The current state's row of cells (the unknown state's while it is not known). */
  private row!: { readonly [event: string]: number };
  private beepTo: Report<any, any> | undefined;
  private s = 0;
  private g: G | undefined;
  // (Typed loosely: a hook's parameter would make Machine invariant in its state names, which the tests rely on.)
  private pre: PreHook<any, any, any> | undefined;
  private post: PostHook<any, any, any> | undefined;
  /** The one Transition, filled in by each attempt that a hook will see. */
  private t: Transition<any, any, any>;
  private d: MachineDefinition<S, E, G, Sn>;
  private sensors: Sensors<Sn>;
  /** The sensors' functions in the definition's sensor order, for `when` cells. */
  private read: readonly (() => boolean)[];
  private vetoTo: Report<any, any> | undefined;
  /** Whether anyone listens for impossible events: if not, they throw. */
  private listens: boolean;
  private impossibleTo: Report<any, any> | undefined;

  constructor(definition: MachineDefinition<S, E, G, Sn>, o: MachineOptions<S, E, G, Sn> = {}) {
    this.dispatcher = (o.dispatcher ?? new Dispatcher()) as { running: boolean; queued: boolean } & Dispatcher;
    this.beepTo = join(o.onBeep);
    this.pre = join(o.pre, true);
    this.post = join(o.post);
    const { initial } = definition;
    this.t = { machine: this, from: initial, to: initial, event: definition.events[0], goalBefore: undefined, goalAfter: undefined };
    this.d = definition;
    this.sensors = o.sensors ?? ({} as Sensors<Sn>);
    this.read = definition.sensors.map((name) => this.sensors[name]);
    this.vetoTo = join(o.onVeto);
    this.listens = !!o.onImpossible;
    this.impossibleTo = join(o.onImpossible);
    checks.create?.(definition.name, definition, this.sensors);
    Object.assign(this, { definition, name: o.name ?? definition.name });
    this.restore(o.state ?? definition.initial, 'goal' in o ? o.goal : definition.initialGoal);
  }

  /** The state, or undefined while it is not known (after power-up, before the sensors have been read). */
  get state(): S | undefined { return this.s < 0 ? undefined : this.d.states[this.s]; }
  get goal(): G | undefined { return this.g; }

  /**
   * Places the machine in `state` with `goal`, without hooks: for start-up and for restoring a snapshot.
   * `undefined` makes the state unknown: every event is then refused (reported as a veto) until it is restored.
   */
  restore(state: S | undefined, goal: G | undefined): void {
    if (state === undefined) { this.s = -1; this.g = undefined; this.row = this.d.rows[this.d.states.length]; return; }
    checks.restore?.(this.name, this.definition, state, goal);
    this.s = this.definition.stateIndex[state];
    this.row = this.d.rows[this.s];
    this.g = goal;
  }

  /**
   * Sends `event`. Sent from inside a hook, it is queued until the current transition completes.
   * (The dispatcher's own `dispatch`, written out here: on XS a call saved is a good part of an event's time.)
   */
  handle(event: E): void {
    const d = this.dispatcher;
    if (d.running) { d.dispatch(this, event); return; }
    // A cell that does nothing (`no change` setting no goal, a beep nobody hears) returns here: it runs no hook, so
    // nothing can be queued or thrown, and the dispatcher need not be entered.
    const c = this.row[event];
    if (c === NO_CHANGE || c === BEEP && this.beepTo === undefined) return;
    d.running = true;
    try {
      if (c < 0) {
        // `→ X` by an event that sets no goal (~X: see `rows`), the commonest transition: `attempt`, written out
        // here, since on XS a call saved is a good part of a transition's time.
        const pre = this.pre, post = this.post, to = ~c;
        if (pre === undefined && post === undefined) { this.s = to; this.row = this.d.rows[to]; }
        else {
          const t = this.t, states = this.d.states, g = this.g;
          t.from = states[this.s]; t.to = states[to]; t.event = event; t.goalBefore = t.goalAfter = g;
          const verdict = pre === undefined || pre(t);
          if (verdict !== true && verdict !== undefined && (verdict === false || typeof verdict === 'string')) this.refused(verdict);
          else { this.s = to; this.row = this.d.rows[to]; if (post !== undefined) post(t); }
        }
      } else this.run(event, c);
      if (d.queued) d.drain();
    } catch (error) {
      d.abandon();
      throw error;
    }
    d.running = false;
  }

  /** Handles one event now. Only the dispatcher calls this. */
  step(event: string): void {
    const c = this.row[event];
    if (c < 0) this.attempt(event as E, ~c, this.g);
    else this.run(event, c);
  }

  /**
   * Does what cell `c` (one number: see `rows`, never a plain `→ X`, which its callers take) of the current row says
   * for `event`. The kinds are tested most common first, and a cell that does nothing returns before anything else is
   * read.
   */
  private run(event: string, c: number): void {
    if (c === undefined) throw new UnknownEventError(this.name, event);
    const kind = c & 7;
    if (kind === WHEN) {
      // The side the sensor picks: X's index + 1, or 0 for `no change` (a transition to the same state when the goal
      // changes).
      const side = this.read[c >> 3 & 31]() ? c >> 8 & 2047 : c >> 19 & 2047;
      const goal = (c & GOAL) === 0 ? this.g : this.d.setsGoal[event](this.sensors);
      if (side !== 0) this.attempt(event as E, side - 1, goal);
      else if (goal !== this.g) this.attempt(event as E, this.s, goal);
      return;
    }
    if (kind < BEEP) {
      // `no change` that sets the goal is a transition to the same state, when the goal does change.
      if ((c & GOAL) === 0) { if (kind === TO) this.attempt(event as E, c >> 3, this.g); return; }
      const goal = this.d.setsGoal[event](this.sensors);
      if (kind === TO) this.attempt(event as E, c >> 3 & 2047, goal);
      else if (goal !== this.g) this.attempt(event as E, this.s, goal);
      return;
    }
    if (kind === BEEP) { const beep = this.beepTo; if (beep) beep(this, this.state, event as E); return; }
    const d = this.d, s = this.s;
    if (kind === FOLLOW) this.follow(event as E, d, this.sensors, this.g, s);
    else if (kind === SENSE) this.attempt(event as E, d.stateIndex[d.sense!(this.sensors)], this.g);
    // No state is assumed: a machine that does not know where it is moves nothing.
    else if (kind === UNKNOWN) { const veto = this.vetoTo; if (veto) veto(this, undefined, event as E, undefined, UNKNOWN_REASON); }
    else if (this.listens) { const impossible = this.impossibleTo; if (impossible) impossible(this, d.states[s], event as E); }
    else throw new ImpossibleEventError(this.name, d.states[s], event);
  }

  // The next step toward the goal; if vetoed, rest (itself subject to the hooks), keeping the goal pending.
  private follow(event: E, def: MachineDefinition<S, E, G, Sn>, sensors: Sensors<Sn>, g: G | undefined, s: number): void {
    const follow = def.follow!, goal = follow.goal ? follow.goal(g, sensors) : g;
    const next = def.stateIndex[follow.next(goal, sensors, def.states[s])];
    if (this.attempt(event, next, goal)) return;
    const rest = def.stateIndex[follow.rest(sensors)];
    if (rest !== s && rest !== next) this.attempt(event, rest, g);
  }

  /** Reports the transition in `t` as vetoed by the pre hook, which said `verdict` (false or a reason). */
  private refused(verdict: false | string): void {
    const veto = this.vetoTo, t = this.t;
    if (veto) veto(this, t.from, t.event, t.to, verdict === false ? undefined : verdict);
  }

  private attempt(event: E, to: number, goal: G | undefined): boolean {
    const pre = this.pre, post = this.post;
    if (pre === undefined && post === undefined) { this.s = to; this.row = this.d.rows[to]; this.g = goal; return true; }
    const t = this.t, states = this.d.states;
    t.from = states[this.s]; t.to = states[to]; t.event = event; t.goalBefore = this.g; t.goalAfter = goal;
    const verdict = pre === undefined || pre(t);
    // Most hooks return true or nothing: those two are tested first, before the dearer `typeof`.
    if (verdict !== true && verdict !== undefined && (verdict === false || typeof verdict === 'string')) { this.refused(verdict); return false; }
    this.s = to; this.row = this.d.rows[to]; this.g = goal;
    if (post !== undefined) post(t);
    return true;
  }
}

/** A state in words: `unknown` until it is known. */
export const stateText = (state: string | undefined): string => state ?? 'unknown';

/** Makes a running instance of a machine definition. */
export const createMachine = <S extends string, E extends string, G extends string, Sn extends string>(
  definition: MachineDefinition<S, E, G, Sn>, options?: MachineOptions<NoInfer<S>, NoInfer<E>, NoInfer<G>, NoInfer<Sn>>,
): Machine<S, E, G, Sn> => new Machine(definition, options);
