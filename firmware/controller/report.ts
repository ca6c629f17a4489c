// What the controller tells the world: every transition, veto, beep, impossible event, interlock refusal and fault.

/** `notice`: something an operator should know that is neither a fault nor a transition (a peer restarted). */
export type ReportKind = 'transition' | 'veto' | 'beep' | 'impossible' | 'interlock' | 'fault' | 'notice';

export interface ControllerReport {
  /** Clock time in ms. */
  t: number;
  kind: ReportKind;
  /** The machine or part concerned, e.g. `airlock B` or `airlock B outer door`. */
  machine: string;
  from?: string;
  to?: string;
  event?: string;
  goal?: string;
  detail?: string;
  /**
   * Why, for a veto or an interlock refusal: which rule, which recall, which sensor fact. For a veto, `to` is the
   * state the refused transition led to.
   */
  reason?: string;
}

export type Reporter = (report: ControllerReport) => void;
