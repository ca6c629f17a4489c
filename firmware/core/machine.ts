// A running machine: table-driven dispatch of one event, with pre hooks that may veto and post hooks that act.
import { BEEP, checks, FOLLOW, NO_CHANGE, SENSE, TO, WHEN, type MachineDefinition, type Sensors } from './define';
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

// Hooks and listeners as a private array: one function or a list (copied, so later changes to it do not count).
const list = <F>(x: OneOrMany<F> | undefined): readonly F[] => (typeof x === 'function' ? [x as F] : x ? (x as readonly F[]).slice() : []);

const UNKNOWN_REASON = 'the state is not known yet: nothing moves until it is';

type Listeners<S extends string, E extends string> = readonly Report<S, E>[];

export class Machine<S extends string = string, E extends string = string, G extends string = string, Sn extends string = string> {
  declare readonly name: string;
  declare readonly definition: MachineDefinition<S, E, G, Sn>;
  // Fields in the order dispatch reads them: XS finds a private field by walking the instance's fields.
  #s = 0;
  #g: G | undefined;
  #d: MachineDefinition<S, E, G, Sn>;
  #dispatcher!: Dispatcher;
  /** The one Transition, filled in by each attempt. */
  #t!: Transition<S, E, G>;
  #pre!: readonly PreHook<S, E, G>[];
  #post!: readonly PostHook<S, E, G>[];
  /** The sensors' functions in the definition's sensor order, for `when` cells. */
  #read: readonly (() => boolean)[];
  #sensors: Sensors<Sn>;
  #beeps!: Listeners<S, E>;
  #vetoes!: Listeners<S, E>;
  /** Absent when nobody listens: an impossible event then throws. */
  #impossibles: Listeners<S, E> | undefined;

  constructor(definition: MachineDefinition<S, E, G, Sn>, o: MachineOptions<S, E, G, Sn> = {}) {
    this.#d = definition;
    this.#sensors = o.sensors ?? ({} as Sensors<Sn>);
    this.#read = definition.sensors.map((name) => this.#sensors[name]);
    checks.create?.(definition.name, definition, this.#sensors);
    Object.assign(this, { definition, name: o.name ?? definition.name });
    this.restore(o.state ?? definition.initial, 'goal' in o ? o.goal : definition.initialGoal);
    this.#pre = list(o.pre);
    this.#post = list(o.post);
    this.#beeps = list(o.onBeep);
    this.#vetoes = list(o.onVeto);
    this.#impossibles = o.onImpossible && list(o.onImpossible);
    this.#dispatcher = o.dispatcher ?? new Dispatcher();
    const { initial } = definition;
    this.#t = { machine: this, from: initial, to: initial, event: definition.events[0], goalBefore: undefined, goalAfter: undefined };
  }

  /** The state, or undefined while it is not known (after power-up, before the sensors have been read). */
  get state(): S | undefined { return this.#s < 0 ? undefined : this.#d.states[this.#s]; }
  get goal(): G | undefined { return this.#g; }

  /**
   * Places the machine in `state` with `goal`, without hooks: for start-up and for restoring a snapshot.
   * `undefined` makes the state unknown: every event is then refused (reported as a veto) until it is restored.
   */
  restore(state: S | undefined, goal: G | undefined): void {
    if (state === undefined) { this.#s = -1; this.#g = undefined; return; }
    checks.restore?.(this.name, this.definition, state, goal);
    this.#s = this.definition.stateIndex[state];
    this.#g = goal;
  }

  /** Sends `event`. Sent from inside a hook, it is queued until the current transition completes. */
  handle(event: E): void { this.#dispatcher.dispatch(this, event); }

  /** Handles one event now. Only the dispatcher calls this. */
  step(event: string): void {
    const def = this.#d, e = def.eventIndex[event], sensors = this.#sensors, g = this.#g, s = this.#s;
    if (e === undefined) throw new UnknownEventError(this.name, event);
    // No state is assumed: a machine that does not know where it is moves nothing.
    if (s < 0) { this.#report(this.#vetoes, event as E, undefined, UNKNOWN_REASON); return; }
    const i = s * def.eventCount + e, setGoal = def.goalOf[e];
    let kind = def.kind[i], target = def.target[i];
    if (kind === WHEN) {
      if (this.#read[def.sensorAt[i]]()) kind = def.thenKind[i];
      else { kind = def.elseKind[i]; target = def.elseTarget[i]; }
    }
    // `no change` that sets the goal is a transition to the same state, when the goal does change.
    if (kind < BEEP) {
      const goal = setGoal ? setGoal(sensors) : g;
      if (kind === TO || goal !== g) this.#attempt(event as E, kind === TO ? target : s, goal);
    } else if (kind === FOLLOW) this.#follow(event as E, def, sensors, g, s);
    else if (kind === SENSE) this.#attempt(event as E, def.stateIndex[def.sense!(sensors)], g);
    else if (kind === BEEP) this.#report(this.#beeps, event as E);
    else if (this.#impossibles) this.#report(this.#impossibles, event as E);
    else throw new ImpossibleEventError(this.name, def.states[s], event);
  }

  // The next step toward the goal; if vetoed, rest (itself subject to the hooks), keeping the goal pending.
  #follow(event: E, def: MachineDefinition<S, E, G, Sn>, sensors: Sensors<Sn>, g: G | undefined, s: number): void {
    const follow = def.follow!, goal = follow.goal ? follow.goal(g, sensors) : g;
    const next = def.stateIndex[follow.next(goal, sensors, def.states[s])];
    if (this.#attempt(event, next, goal)) return;
    const rest = def.stateIndex[follow.rest(sensors)];
    if (rest !== s && rest !== next) this.#attempt(event, rest, g);
  }

  #attempt(event: E, to: number, goal: G | undefined): boolean {
    const t = this.#t, states = this.#d.states, pre = this.#pre, post = this.#post;
    t.from = states[this.#s]; t.to = states[to]; t.event = event; t.goalBefore = this.#g; t.goalAfter = goal;
    for (let i = 0; i < pre.length; i++) {
      const verdict = pre[i](t);
      if (verdict === false || typeof verdict === 'string') return this.#report(this.#vetoes, event, t.to, verdict === false ? undefined : verdict);
    }
    this.#s = to; this.#g = goal;
    for (let i = 0; i < post.length; i++) post[i](t);
    return true;
  }

  /** Tells the listeners; false, for a vetoed attempt. */
  #report(listeners: Listeners<S, E>, event: E, to?: S, reason?: string): false {
    if (listeners.length === 0) return false;
    const state = this.state;
    for (let i = 0; i < listeners.length; i++) listeners[i](this, state, event, to, reason);
    return false;
  }
}

/** A state in words: `unknown` until it is known. */
export const stateText = (state: string | undefined): string => state ?? 'unknown';

/** Makes a running instance of a machine definition. */
export const createMachine = <S extends string, E extends string, G extends string, Sn extends string>(
  definition: MachineDefinition<S, E, G, Sn>, options?: MachineOptions<NoInfer<S>, NoInfer<E>, NoInfer<G>, NoInfer<Sn>>,
): Machine<S, E, G, Sn> => new Machine(definition, options);
