// The board: the file shape, the signal vocabulary, and validation.
export * from './types';
export * from './signals';
export * from './validate';
