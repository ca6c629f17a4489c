// The launch bay physics model: plain state objects stepped in virtual time; runs on XS as on Node.
export { LaunchBayModel, type LaunchBayOptions, type DoorName, type SensorFault } from './model';
export { atOpenLimit, atClosedLimit, type Door, type MotorDrive } from './door';
export type { Airlock, AirlockStart } from './airlock';
export type { Bay } from './bay';
export { defaultConstants, type PhysicsConstants } from './constants';
