// The boards a scenario runs on: its one board, or one per node for a cluster scenario.
import type { Board } from '../../firmware/board/types';
import { clusterBoards, type Scenario } from '../../sim/scenario/format';
import { loadBoard } from './board-file';

export const boardsFor = (scenario: Scenario): Board | Board[] =>
  (scenario.cluster ? clusterBoards.map((b) => loadBoard(b)) : loadBoard(scenario.board));
