// The HAL drivers: parts named after the physical parts, written once against ECMA-419 IO.
export { Button, type ButtonOptions } from './button';
export { LimitSwitch, type LimitSwitchOptions } from './limit-switch';
export { DoorActuator, type DoorActuatorOptions, type MotorCommand } from './door-actuator';
export { SwitchedOutput, Pump, VentValve, Heater, Klaxon, WarningLights, type SwitchedOutputOptions } from './switched-output';
export { Beeper, type BeeperOptions } from './beeper';
export { CalibratedSensor, PressureSensor, TemperatureSensor, type SensorOptions } from './sensor';
export { LeakDetector, type LeakDetectorOptions } from './leak-detector';
