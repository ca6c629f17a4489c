// The firmware's public surface: the engine and the launch-bay machines.
export * from './core';
export * from './machines';
