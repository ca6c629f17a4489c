// The boards a scenario runs on: its one board, or one per node for a cluster scenario.
import type { Board } from '../../firmware/board/types';
import { checkAgainstBoards } from '../../sim/scenario/check-board';
import { clusterBoards, type Scenario } from '../../sim/scenario/format';
import { loadBoard } from '../../boards/load';

/** Loads the boards and checks the scenario against them (a ScenarioError names file, line and field). */
export function boardsFor(scenario: Scenario): Board | Board[] {
  const boards = scenario.cluster ? clusterBoards.map((b) => loadBoard(b)) : loadBoard(scenario.board);
  checkAgainstBoards(scenario, boards);
  return boards;
}
