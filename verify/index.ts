// The exhaustive checker of the composed launch bay: model, search, properties, counterexamples.
export { check, livenessShare, searchShared, type CheckOptions, type LivenessHelper, type LivenessShare, type SharedGraph, type CheckResult, type Found, type Progress, type SharedSearch, type ThreadPart } from './check';
export { sharedBuffers, type SharedBuffers } from './store';
export { shareCodes, sharedCodes } from './codec';
export { Model, type ModelOptions } from './model';
export { MUTATIONS, mutationNames } from './mutations';
export { safetyFindings, deckSettled, airlocksSettled, type Finding } from './properties';
export { violations, type Violation } from './report';
export { toScenario, type ScenarioExport, type ScenarioFile } from './scenario';
export { DEFAULT_RUNS, interference, projectionCheck, runByName, type Projection, type RunSpec } from './suite';
export { formatTrace, type TraceStep } from './trace';
