// The HAL drivers: parts named after the physical parts, written once against ECMA-419 IO.
export { Button } from './button';
export { LimitSwitch } from './limit-switch';
export { DoorActuator, type MotorCommand } from './door-actuator';
export { Pump, VentValve, Heater, Klaxon, WarningLights } from './switched-output';
export { Beeper } from './beeper';
export { PressureSensor, TemperatureSensor } from './sensor';
export { LeakDetector } from './leak-detector';
