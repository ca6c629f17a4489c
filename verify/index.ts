// The exhaustive checker of the composed launch bay: model, search, properties, counterexamples.
export { check, type CheckOptions, type CheckResult, type Found, type Progress } from './check';
export { Model, type ModelOptions } from './model';
export { MUTATIONS, mutationNames } from './mutations';
export { safetyFindings, deckSettled, airlocksSettled, type Finding } from './properties';
export { violations, type Violation } from './report';
export { toScenario, type ScenarioExport, type ScenarioFile } from './scenario';
export { DEFAULT_RUNS, interference, projectionCheck, runByName, type Projection, type RunSpec } from './suite';
export { formatTrace, type TraceStep } from './trace';
