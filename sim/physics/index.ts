// The launch bay physics model: plain state objects stepped in virtual time; runs on XS as on Node.
export { LaunchBayModel, type LaunchBayOptions, type DoorName, type ButtonCell } from './model';
export { atOpenLimit, atClosedLimit, type Door, type MotorDrive } from './door';
export type { Airlock } from './airlock';
export type { Bay } from './bay';
