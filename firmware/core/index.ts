// The matrix engine, as the device runs it: define a machine as its matrix, run it with hooks, share a
// run-to-completion queue. Definition checks and describeCell are for development (./dev, ./describe).
export { beep, followGoal, fromSensors, impossible, noChange, to, when, type Cell } from './cells';
export { defineMachine, type Definition, type MachineDefinition, type Sensors, type Follow } from './define';
export { Dispatcher, createDispatcher } from './dispatcher';
export { ImpossibleEventError, UnknownEventError } from './errors';
export { Machine, createMachine, stateText, type MachineOptions, type PreHook, type PostHook, type Report, type Transition } from './machine';
