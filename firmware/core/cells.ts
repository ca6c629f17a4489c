// The words a matrix cell may hold, as in MACHINES.md: → X, no change, beep, impossible, follow goal,
// from sensors, and a choice between two of them on a sensor reading.

/** `→ X`: move to state X. */
export interface To<S extends string> { readonly kind: 'to'; readonly target: S }
/** `no change`: legal and ignored (a goal-setting event still sets the goal). */
export interface NoChange { readonly kind: 'no change' }
/** `beep`: legal and ignored, but the operator hears it. */
export interface Beep { readonly kind: 'beep' }
/** `impossible`: cannot happen if hardware and software are correct. */
export interface Impossible { readonly kind: 'impossible' }
/** `follow goal`: take the next step toward the machine's goal. */
export interface FollowGoal { readonly kind: 'follow goal' }
/** `from sensors`: move to the state the sensors show (after a fault: no state is assumed). */
export interface FromSensors { readonly kind: 'from sensors' }
/** `→ A if sensor, else → B` (either side may be `no change`). */
export interface When<S extends string, Sn extends string> {
  readonly kind: 'when';
  readonly sensor: Sn;
  readonly then: To<S> | NoChange;
  readonly otherwise: To<S> | NoChange;
}

export type Cell<S extends string, Sn extends string = string> =
  | To<S> | NoChange | Beep | Impossible | FollowGoal | FromSensors | When<S, Sn>;

export const to = <const S extends string>(target: S): To<S> => ({ kind: 'to', target });
export const noChange: NoChange = { kind: 'no change' };
export const beep: Beep = { kind: 'beep' };
export const impossible: Impossible = { kind: 'impossible' };
export const followGoal: FollowGoal = { kind: 'follow goal' };
export const fromSensors: FromSensors = { kind: 'from sensors' };
export const when = <const Sn extends string, const A extends string = never, const B extends string = never>(
  sensor: Sn, then: To<A> | NoChange, otherwise: To<B> | NoChange,
): When<A | B, Sn> => ({ kind: 'when', sensor, then, otherwise });
