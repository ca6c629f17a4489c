// The XS side of the scenario comparison: one global the harness calls with the scenarios and board files.
import { runScenarios, type ScenarioInputs } from './scenarios';

(globalThis as { runScenarios?: (inputs: ScenarioInputs) => unknown }).runScenarios = runScenarios;
