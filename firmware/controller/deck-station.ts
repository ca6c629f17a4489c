// The battle deck's parts: its optional request buttons on the bridge.
import type { InputWiring } from '../board/types';
import { Button } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor } from './fault-monitor';
import { deckAfterBoot } from './reconstruct';

const REQUESTS = ['active', 'ready', 'relaxed'] as const;

export function createDeckStation(ctx: StationContext): Station {
  const { device, clock, board } = ctx;
  const buttons = REQUESTS.filter((r) => board.signals[`deck ${r} request`]).map((r) => new Button({
    device, clock, wiring: board.signals[`deck ${r} request`] as InputWiring,
    onPress: () => ctx.machine('battle deck').handle(`${r} requested`),
  }));
  return {
    id: 'battle deck',
    faults: new FaultMonitor([], () => {}),
    applyOutputs: () => {},
    // Run after door E and the environment have been restarted: the deck is inferred from them.
    restart: () => deckAfterBoot(ctx.stateOf('bay environment'), ctx.stateOf('bay door')),
    scan() {},
    close() { for (const b of buttons) b.close(); },
  };
}
