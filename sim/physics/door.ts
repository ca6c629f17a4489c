// A motorized door: its position along its travel, its motor, and its two limit switches.

export type MotorDrive = -1 | 0 | 1;

export interface Door {
  /** 0 closed .. 1 open. */
  position: number;
  /** -1 closing, 0 stopped, 1 opening. */
  motor: MotorDrive;
  /** Time for a full travel, closed to open, ms. */
  travelMs: number;
  /** A jammed door does not move, whatever its motor does. */
  jammed: boolean;
}

// Limit switches are set a hair inside the end stops, as on a real door, so they trip before the stop.
const OPEN_LIMIT = 0.999;
const CLOSED_LIMIT = 0.001;

export function createDoor(travelMs: number, start?: Partial<Door>): Door {
  return {
    position: start?.position ?? 0,
    motor: start?.motor ?? 0,
    travelMs: start?.travelMs ?? travelMs,
    jammed: start?.jammed ?? false,
  };
}

/** The open limit switch is tripped. */
export function atOpenLimit(door: Door): boolean { return door.position >= OPEN_LIMIT; }

/** The closed limit switch is tripped. */
export function atClosedLimit(door: Door): boolean { return door.position <= CLOSED_LIMIT; }

/** Moves the door for `dtMs`; the end stops hold it in [0, 1] if the motor keeps running. */
export function stepDoor(door: Door, dtMs: number): void {
  if (door.motor === 0 || door.jammed) return;
  const p = door.position + (door.motor * dtMs) / door.travelMs;
  door.position = p < 0 ? 0 : p > 1 ? 1 : p;
}
