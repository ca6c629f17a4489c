// A door actuator behind the interlock: the machine says where it wants the door, the interlock may refuse.
import type { DoorActuator, MotorCommand } from '../../hal/drivers';

export class GuardedDoor {
  private wanted: MotorCommand = 'stop';
  private refused = false;

  constructor(
    readonly name: string,
    readonly actuator: DoorActuator,
    private readonly refuseOpen: () => string | undefined,
    private readonly onRefused: (door: string, reason: string) => void,
  ) {}

  get command(): MotorCommand { return this.wanted; }

  /** Asks for a motor command; re-checked at every scan while it stands. */
  want(command: MotorCommand): void {
    this.wanted = command;
    this.enforce();
  }

  /** Drives the motor as wanted, unless opening is refused now; a refusal is reported once, until it clears. */
  enforce(): void {
    if (this.wanted !== 'open') { this.refused = false; this.actuator.drive(this.wanted); return; }
    const reason = this.refuseOpen();
    if (reason === undefined) { this.refused = false; this.actuator.drive('open'); return; }
    this.actuator.drive('stop');
    if (!this.refused) { this.refused = true; this.onRefused(this.name, reason); }
  }
}
