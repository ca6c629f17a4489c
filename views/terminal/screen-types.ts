// The terminal view's shapes: what it reads (a world's parts, as sim/samples.ts defines them), its state and the
// terminal's size; shared by the detailed and the compact screen.
import type { ControllerReport } from '../../firmware/controller';
import type { ScreenModel, ScreenWorld } from '../../sim/samples';

export type { ScreenModel, ScreenWorld };

export interface ScreenState {
  speed: number;
  paused: boolean;
  message: string;
  recent: ControllerReport[];
  /** The heading (default `Launch bay simulator`). */
  title?: string;
  /** The page of the `?` help shown in place of the recent events (undefined: closed). */
  help?: number;
  /** The help's text (default the simulator's keys for the board's airlocks): the bench has keys of its own. */
  helpText?: string;
  /** The compact view's keys line (default the simulator's keys). */
  keysHint?: string;
}

/** The terminal's size; the detailed view needs DETAILED_COLUMNS, anything smaller gets the compact one. */
export interface ScreenSize { columns: number; rows: number }
