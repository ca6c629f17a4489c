// A door: its motor and its open and closed limit switches. The motor never runs into a limit the door is already at.
import type { DirEnableMotor, InputWiring, SerialMotor } from '../board/types';
import type { Device } from '../types';
import { openDoorMotor, type DoorMotor, type MotorCommand } from './door-motor';
import { LimitSwitch } from './limit-switch';

export type { MotorCommand } from './door-motor';

export interface DoorActuatorOptions {
  device: Device;
  motor: DirEnableMotor | SerialMotor;
  openLimit: InputWiring;
  closedLimit: InputWiring;
  /** Called when the door arrives at a limit. */
  onLimit?(which: 'open' | 'closed'): void;
}

export class DoorActuator {
  private readonly motor: DoorMotor;
  private readonly openLimit: LimitSwitch;
  private readonly closedLimit: LimitSwitch;
  private readonly onLimit: ((which: 'open' | 'closed') => void) | undefined;
  private running: MotorCommand = 'stop';

  constructor(o: DoorActuatorOptions) {
    this.onLimit = o.onLimit;
    this.motor = openDoorMotor(o.device, o.motor);
    this.openLimit = new LimitSwitch({ device: o.device, wiring: o.openLimit, onChange: (active) => { if (active) this.arrived('open'); } });
    this.closedLimit = new LimitSwitch({ device: o.device, wiring: o.closedLimit, onChange: (active) => { if (active) this.arrived('closed'); } });
  }

  /**
   * Runs the motor toward a limit, or stops it. Idempotent: the same command again writes nothing.
   * Toward a limit already reached it stops instead: a motor driven into its end stop stalls and
   * burns, so the limit switch, not the caller's timing, ends the travel.
   */
  drive(command: MotorCommand): void {
    if ((command === 'open' && this.openLimit.active) || (command === 'close' && this.closedLimit.active)) command = 'stop';
    if (command === this.running) return;
    this.running = command;
    this.motor.write(command);
  }

  /** What the motor is doing now: a run ends in `stop` when its limit trips. */
  get command(): MotorCommand { return this.running; }
  get isOpen(): boolean { return this.openLimit.active; }
  get isClosed(): boolean { return this.closedLimit.active; }
  /** Both limits at once: a contradictory reading (a sensor fault). */
  get limitsContradict(): boolean { return this.openLimit.active && this.closedLimit.active; }

  close(): void {
    this.drive('stop');
    this.motor.close();
    this.openLimit.close();
    this.closedLimit.close();
  }

  private arrived(which: 'open' | 'closed'): void {
    if (this.running === (which === 'open' ? 'open' : 'close')) this.drive('stop');
    if (this.onLimit) this.onLimit(which);
  }
}
