// A running machine: table-driven dispatch of one event, with pre hooks that may veto and post hooks that act.
import { BEEP, FOLLOW, IMPOSSIBLE, NO_CHANGE, TO, WHEN, type MachineDefinition, type Sensors } from './define';
import { Dispatcher } from './dispatcher';
import { DefinitionError, ImpossibleEventError, UnknownEventError } from './errors';

/** What a hook sees. One object per machine, reused for every transition: read it, do not keep it. */
export interface Transition<S extends string = string, E extends string = string, G extends string = string> {
  machine: Machine<S, E, G>;
  from: S;
  to: S;
  event: E;
  goalBefore: G | undefined;
  goalAfter: G | undefined;
}

/** A pre hook returns `false` to veto; anything else lets the transition go ahead. */
export type PreHook<S extends string = string, E extends string = string, G extends string = string> = (t: Transition<S, E, G>) => boolean | void;
export type PostHook<S extends string = string, E extends string = string, G extends string = string> = (t: Transition<S, E, G>) => void;
/** Told of a beep, an impossible event, or a veto (by a pre hook) in `state`. */
export type Report<S extends string = string, E extends string = string> = (machine: Machine<S, E, any>, state: S, event: E) => void;

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

const list = <F>(x: OneOrMany<F> | undefined): readonly F[] => (x === undefined ? [] : typeof x === 'function' ? [x as F] : (x as readonly F[]).slice());

export class Machine<S extends string = string, E extends string = string, G extends string = string, Sn extends string = string> {
  readonly name: string;
  private s: number;
  private g: G | undefined;
  private readonly sensors: Sensors<Sn>;
  private readonly pre: readonly PreHook<S, E, G>[];
  private readonly post: readonly PostHook<S, E, G>[];
  private readonly beeps: readonly Report<S, E>[];
  private readonly impossibles: readonly Report<S, E>[];
  private readonly vetoes: readonly Report<S, E>[];
  private readonly throwsImpossible: boolean;
  private readonly dispatcher: Dispatcher;
  private readonly t: Transition<S, E, G>;

  constructor(readonly definition: MachineDefinition<S, E, G, Sn>, options: MachineOptions<S, E, G, Sn> = {}) {
    const def = definition;
    this.name = options.name ?? def.name;
    this.sensors = options.sensors ?? ({} as Sensors<Sn>);
    for (const sensor of def.sensors) {
      if (typeof this.sensors[sensor] !== 'function') throw new DefinitionError(def.name, `options.sensors.${sensor}`, 'must be a function returning a boolean');
    }
    this.s = 0; this.g = undefined;
    this.restore(options.state ?? def.initial, 'goal' in options ? options.goal : def.initialGoal);
    this.pre = list(options.pre);
    this.post = list(options.post);
    this.beeps = list(options.onBeep);
    this.impossibles = list(options.onImpossible);
    this.throwsImpossible = options.onImpossible === undefined;
    this.vetoes = list(options.onVeto);
    this.dispatcher = options.dispatcher ?? new Dispatcher();
    this.t = { machine: this, from: def.initial, to: def.initial, event: def.events[0], goalBefore: undefined, goalAfter: undefined };
  }

  get state(): S { return this.definition.states[this.s]; }
  get goal(): G | undefined { return this.g; }

  /** Places the machine in `state` with `goal`, without hooks: for start-up and for restoring a snapshot. */
  restore(state: S, goal: G | undefined): void {
    const i = this.definition.stateIndex[state];
    if (i === undefined) throw new DefinitionError(this.name, 'state', `"${state}" is not a state`);
    if (goal !== undefined && !this.definition.goals.includes(goal)) throw new DefinitionError(this.name, 'goal', `"${goal}" is not a goal`);
    this.s = i; this.g = goal;
  }

  /** Sends `event`. Sent from inside a hook, it is queued until the current transition completes. */
  handle(event: E): void { this.dispatcher.dispatch(this, event); }

  /** Handles one event now. Only the dispatcher calls this. */
  step(event: string): void {
    const def = this.definition;
    const e = def.eventIndex[event];
    if (e === undefined) throw new UnknownEventError(this.name, event);
    const i = this.s * def.events.length + e;
    let kind = def.kind[i], target = def.target[i];
    if (kind === WHEN) {
      if (this.sensors[def.sensorOf[i]!]()) kind = def.thenKind[i];
      else { kind = def.elseKind[i]; target = def.elseTarget[i]; }
    }
    const setGoal = def.goalOf[e];
    switch (kind) {
      case TO: this.attempt(event as E, target, setGoal ? setGoal(this.sensors) : this.g); return;
      case NO_CHANGE:
        if (setGoal) { const goal = setGoal(this.sensors); if (goal !== this.g) this.attempt(event as E, this.s, goal); }
        return;
      case FOLLOW: this.followGoal(event as E); return;
      case BEEP: this.report(this.beeps, event as E); return;
      case IMPOSSIBLE:
        if (this.throwsImpossible) throw new ImpossibleEventError(this.name, this.state, event);
        this.report(this.impossibles, event as E);
        return;
    }
  }

  // The next step toward the goal; if vetoed, rest (itself subject to the hooks), keeping the goal pending.
  private followGoal(event: E): void {
    const follow = this.definition.follow!, sensors = this.sensors;
    const goal = follow.goal ? follow.goal(this.g, sensors) : this.g;
    const next = this.definition.stateIndex[follow.next(goal, sensors)];
    if (this.attempt(event, next, goal)) return;
    const rest = this.definition.stateIndex[follow.rest(sensors)];
    if (rest !== this.s && rest !== next) this.attempt(event, rest, this.g);
  }

  private attempt(event: E, to: number, goal: G | undefined): boolean {
    const t = this.t, states = this.definition.states;
    t.from = states[this.s]; t.to = states[to]; t.event = event; t.goalBefore = this.g; t.goalAfter = goal;
    for (let i = 0; i < this.pre.length; i++) {
      if (this.pre[i](t) === false) { this.report(this.vetoes, event); return false; }
    }
    this.s = to; this.g = goal;
    for (let i = 0; i < this.post.length; i++) this.post[i](t);
    return true;
  }

  private report(listeners: readonly Report<S, E>[], event: E): void {
    const state = this.state;
    for (let i = 0; i < listeners.length; i++) listeners[i](this, state, event);
  }
}

/** Makes a running instance of a machine definition. */
export const createMachine = <S extends string, E extends string, G extends string, Sn extends string>(
  definition: MachineDefinition<S, E, G, Sn>, options?: MachineOptions<NoInfer<S>, NoInfer<E>, NoInfer<G>, NoInfer<Sn>>,
): Machine<S, E, G, Sn> => new Machine(definition, options);
