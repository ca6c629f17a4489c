// The battle deck's parts: its optional request buttons on the bridge.
import type { InputWiring } from '../board/types';
import { Button } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor } from './fault-monitor';
import { deckAfterBoot, type Restart } from './reconstruct';

const REQUESTS = ['active', 'ready', 'relaxed'] as const;

const nothing = (): void => {};

/** A class, not an object of closures: its methods are made once, in flash (see the Airlock station). */
class Deck implements Station {
  readonly id = 'battle deck' as const;
  readonly faults = new FaultMonitor([], nothing);
  private readonly buttons: Button[];

  constructor(private readonly ctx: StationContext) {
    const { device, clock, board } = ctx;
    this.buttons = REQUESTS.filter((r) => board.signals[`deck ${r} request`]).map((r) => new Button({
      device, clock, wiring: board.signals[`deck ${r} request`] as InputWiring,
      onPress: () => ctx.machine('battle deck').handle(`${r} requested`),
    }));
  }

  applyOutputs(): void {}

  // Run after door E and the environment have been restarted: the deck is inferred from them.
  restart(): Restart { return deckAfterBoot(this.ctx.stateOf('bay environment'), this.ctx.stateOf('bay door')); }

  scan(): void {}

  close(): void { for (const b of this.buttons) b.close(); }
}

export function createDeckStation(ctx: StationContext): Station {
  return new Deck(ctx);
}
