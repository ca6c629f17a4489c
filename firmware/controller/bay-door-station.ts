// Door E bound to its motor and limit switches.
import type { DirEnableMotor, InputWiring, SerialMotor } from '../board/types';
import { DoorActuator } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor, LimitWatch } from './fault-monitor';
import { GuardedDoor } from './guarded-door';
import { refuseDoorOpen } from './interlock';
import { bayDoorOutput } from './outputs';
import { bayDoorAfterBoot, type Restart } from './reconstruct';

export interface BayDoorStation extends Station { readonly door: GuardedDoor }

/** A class, not an object of closures: its methods are made once, in flash (see the Airlock station). */
export class BayDoor implements BayDoorStation {
  readonly id = 'bay door' as const;
  readonly door: GuardedDoor;
  readonly faults: FaultMonitor;

  constructor(private readonly ctx: StationContext) {
    const { device, board } = ctx;
    // The actuator made before the door, not inside its arguments: one of the deepest steps of a node's boot.
    const actuator = new DoorActuator({
      device, motor: board.signals['bay door'] as DirEnableMotor | SerialMotor,
      openLimit: board.signals['bay door open limit'] as InputWiring, closedLimit: board.signals['bay door closed limit'] as InputWiring,
    });
    this.door = new GuardedDoor('bay door', actuator, () => refuseDoorOpen('bay door', ctx.facts, ctx.limits),
    (name, reason) => ctx.report({ t: ctx.clock.now(), kind: 'interlock', machine: name, detail: reason, reason }));
    this.faults = new FaultMonitor([new LimitWatch('bay door', this.door.actuator)], (reason) => ctx.sensorFault('bay door', reason));
  }

  applyOutputs(state: string, event?: string): void { this.door.want(bayDoorOutput(state, event)); }

  restart(): Restart { return bayDoorAfterBoot({ open: this.door.actuator.isOpen, closed: this.door.actuator.isClosed }); }

  scan(): void {
    const door = this.door;
    door.enforce();
    const machine = this.ctx.machine('bay door');
    if (machine.state === 'opening' && door.actuator.isOpen) machine.handle('finished opening');
    else if (machine.state === 'closing' && door.actuator.isClosed) machine.handle('finished closing');
  }

  close(): void { this.door.actuator.close(); }
}

export function createBayDoorStation(ctx: StationContext): BayDoorStation {
  return new BayDoor(ctx);
}
