// Firmware's view of board validation: it lives in the HAL (hal/board/validate.ts), below the firmware.
export * from '../../hal/board/validate';
