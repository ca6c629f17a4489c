// The two ways a door motor is wired: an H-bridge on two GPIOs, or a motor controller on a UART. Both start stopped.
import type { DirEnableMotor, SerialMotor } from '../board/types';
import { DEFAULT_SERIAL_PORT, type Device, type Digital, type Serial } from '../types';
import { asciiBytes } from './ascii';
import { opened } from './opened';

export type MotorCommand = 'open' | 'close' | 'stop';

/** A motor that carries out commands; the caller writes each command once (the actuator keeps it idempotent). */
export interface DoorMotor {
  write(command: MotorCommand): void;
  close(): void;
}

/** An H-bridge: `dir` high turns the door open, `enable` high powers the motor. */
class HBridgeMotor implements DoorMotor {
  private readonly dir: Digital;
  private readonly enable: Digital;
  private dirLevel: 0 | 1 = 0;
  private enableLevel: 0 | 1 = 0;

  constructor(device: Device, wiring: DirEnableMotor) {
    const { Digital } = device.io;
    this.enable = new Digital({ pin: wiring.enable, mode: Digital.Output });
    this.enable.write(0);
    // Its one part with two pins: a second that will not open lets go of the first, written off.
    try { this.dir = new Digital({ pin: wiring.dir, mode: Digital.Output }); } catch (e) { this.enable.close(); throw e; }
    this.dir.write(0);
    opened(this);
  }

  write(command: MotorCommand): void {
    if (command === 'stop') { this.setEnable(0); return; }
    const dir = command === 'open' ? 1 : 0;
    // Never flip the direction with the bridge powered: power off, turn, power on.
    if (dir !== this.dirLevel) { this.setEnable(0); this.dirLevel = dir; this.dir.write(dir); }
    this.setEnable(1);
  }

  close(): void {
    this.setEnable(0);
    this.enable.close();
    this.dir.close();
  }

  private setEnable(level: 0 | 1): void {
    if (level === this.enableLevel) return;
    this.enableLevel = level;
    this.enable.write(level);
  }
}

// The command lines, encoded once: writing a command allocates nothing.
const LINES: { readonly [c in MotorCommand]: Uint8Array } = {
  open: asciiBytes('OPEN\n'),
  close: asciiBytes('CLOSE\n'),
  stop: asciiBytes('STOP\n'),
};

/** A motor controller taking text lines; its answers (`OK`…) are drained and ignored, so its buffer never fills. */
class SerialMotorController implements DoorMotor {
  private readonly port: Serial;

  constructor(device: Device, wiring: SerialMotor) {
    const options = {
      receive: wiring.rx, transmit: wiring.tx, baud: wiring.baud, port: wiring.port ?? DEFAULT_SERIAL_PORT, format: 'buffer' as const,
      onReadable(this: Serial) { this.read(); },
    };
    this.port = new device.io.Serial(options);
    opened(this);
    // The controller may still run the last command from before our reset: say stop first.
    this.port.write(LINES.stop);
  }

  write(command: MotorCommand): void { this.port.write(LINES[command]); }

  // The far end keeps running its last command: stop it before letting go (the actuator has, unless a start failed).
  close(): void { try { this.port.write(LINES.stop); } finally { this.port.close(); } }
}

/** The motor for a board's wiring; chosen by the wiring's kind. */
export function openDoorMotor(device: Device, wiring: DirEnableMotor | SerialMotor): DoorMotor {
  switch (wiring.wiring) {
    case 'dir-enable': return new HBridgeMotor(device, wiring);
    case 'serial': return new SerialMotorController(device, wiring);
    default: throw new Error(`door motor: unknown wiring ${JSON.stringify((wiring as { wiring: unknown }).wiring)}`);
  }
}
