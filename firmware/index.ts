// The firmware's public surface: the engine with its dev checks (loaded before the machines are defined, so they
// are checked too), and the launch-bay machines.
export * from './core';
export { DefinitionError } from './core/dev';
export { describeCell } from './core/describe';
export * from './machines';
