// The controller: a board's machines wired to HAL drivers.
export { startController, type Controller, type ControllerOptions } from './controller';
export { BAY_KPA, BAY_KPA_STILL, refuseBayAir, refuseDoorOpen, type InterlockFacts } from './interlock';
export type { ControllerReport, Reporter } from './report';
export { defaultThresholds, type Thresholds } from '../thresholds';
