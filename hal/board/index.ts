// The board, as the HAL describes it: the file shape and its wirings, the signal vocabulary, and validation.
export * from './types';
export * from './signals';
export * from './validate';
