// Runs shipped scenarios from their texts and raw board files: the same code on Node and inside XS (no Node
// modules here), so the two traces can be compared byte for byte.
import { validateBoard, type Board } from '../../firmware/board';
import { validateMcu } from '../../boards/validate-mcu';
import { clusterBoards, parseScenario } from '../../sim/scenario/format';
import { runScenario } from '../../sim/scenario/run';

/** The raw JSON of a board file and of its chip's pin table, as read from boards/. */
export interface BoardFiles { [name: string]: { board: unknown; mcu: unknown } }
export interface ScenarioFile { file: string; text: string }
export interface ScenarioInputs { boards: BoardFiles; scenarios: ScenarioFile[] }
/** A scenario's outcome as compared: the JSON of its trace and of its failures. */
export interface ScenarioOutcome { file: string; trace: string; failures: string }

/** Validates a board as the device does at boot: the board file against its chip's pin table. */
function boardFrom(files: BoardFiles, name: string): Board {
  const raw = files[name];
  if (!raw) throw new Error(`no board file for ${name}`);
  const mcuName = (raw.board as { mcu: string }).mcu;
  return validateBoard(raw.board, validateMcu(raw.mcu, `boards/mcu/${mcuName}.json`), `boards/${name}.json`);
}

/** Runs every scenario given, in order, each on its board (or a cluster's boards). */
export function runScenarios(inputs: ScenarioInputs): ScenarioOutcome[] {
  return inputs.scenarios.map(({ file, text }) => {
    const scenario = parseScenario(text, file);
    const boards = scenario.cluster ? clusterBoards.map((b) => boardFrom(inputs.boards, b)) : boardFrom(inputs.boards, scenario.board);
    const { trace, failures } = runScenario(scenario, boards);
    return { file, trace: JSON.stringify(trace), failures: JSON.stringify(failures) };
  });
}
