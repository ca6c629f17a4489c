// The board: the file shape, the signal vocabulary, and validation (all in hal/board/, below the firmware).
export * from '../../hal/board/types';
export * from '../../hal/board/signals';
export * from '../../hal/board/validate';
