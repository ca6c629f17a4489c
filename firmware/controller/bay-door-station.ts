// Door E bound to its motor and limit switches.
import type { DirEnableMotor, InputWiring, SerialMotor } from '../board/types';
import { DoorActuator } from '../../hal/drivers';
import type { Station, StationContext } from './context';
import { FaultMonitor, LimitWatch } from './fault-monitor';
import { GuardedDoor } from './guarded-door';
import { refuseDoorOpen } from './interlock';
import { bayDoorOutput } from './outputs';
import { bayDoorAfterBoot } from './reconstruct';

export interface BayDoorStation extends Station { readonly door: GuardedDoor }

export function createBayDoorStation(ctx: StationContext): BayDoorStation {
  const { device, clock, board } = ctx;
  const door = new GuardedDoor('bay door', new DoorActuator({
    device, motor: board.signals['bay door'] as DirEnableMotor | SerialMotor,
    openLimit: board.signals['bay door open limit'] as InputWiring, closedLimit: board.signals['bay door closed limit'] as InputWiring,
  }), () => refuseDoorOpen('bay door', ctx.facts, ctx.limits),
  (name, reason) => ctx.report({ t: clock.now(), kind: 'interlock', machine: name, detail: reason, reason }));
  const faults = new FaultMonitor([new LimitWatch('bay door', door.actuator)], (reason) => ctx.sensorFault('bay door', reason));

  return {
    id: 'bay door', door, faults,
    applyOutputs: (state, event) => door.want(bayDoorOutput(state, event)),
    restart: () => bayDoorAfterBoot({ open: door.actuator.isOpen, closed: door.actuator.isClosed }),
    scan() {
      door.enforce();
      const machine = ctx.machine('bay door');
      if (machine.state === 'opening' && door.actuator.isOpen) machine.handle('finished opening');
      else if (machine.state === 'closing' && door.actuator.isClosed) machine.handle('finished closing');
    },
    close() { door.actuator.close(); },
  };
}
