// Firmware's view of the signal vocabulary: it lives in the HAL (hal/board/signals.ts), below the firmware.
export * from '../../hal/board/signals';
