// Firmware's view of the board file's shape: it lives in the HAL (hal/board/types.ts), below the firmware.
export * from '../../hal/board/types';
