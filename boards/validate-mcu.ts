// Pin-table validation (boards/mcu/*.json), on the host, beside the loader: the device never runs it (its board
// module carries a pin table the build has checked), so it is in no device image.
import { fail, got, isObject, onlyFields, quote } from '../hal/board/check';
import type { Mcu } from '../hal/board/types';

const MCU_FIELDS = ['name', 'gpio', 'reserved', 'adc', 'inputOnly', 'adcBits', 'pwm', 'labels'];

function numbers(check: { file: string }, value: unknown, field: string): number[] {
  const ok = Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
  if (!ok) got(check, field, 'expected a list of GPIO numbers', value);
  return value as number[];
}

/** Checks a pin table (boards/mcu/*.json); throws a `BoardError` on the first problem. */
export function validateMcu(mcu: unknown, file: string): Mcu {
  const check = { file };
  if (!isObject(mcu)) got(check, '(top level)', 'expected an object with name, gpio, reserved, adc and inputOnly', mcu);
  onlyFields(check, mcu, MCU_FIELDS, '', 'a pin table');
  if (typeof mcu.name !== 'string' || mcu.name === '') got(check, 'name', "expected the microcontroller's name", mcu.name);
  const gpio = numbers(check, mcu.gpio, 'gpio');
  if (!isObject(mcu.reserved)) got(check, 'reserved', 'expected an object of pin → reason', mcu.reserved);
  for (const [pin, reason] of Object.entries(mcu.reserved)) {
    if (!gpio.includes(Number(pin))) fail(check, `reserved[${quote(pin)}]`, `pin ${pin} is not in gpio`);
    if (typeof reason !== 'string' || reason === '') got(check, `reserved[${quote(pin)}]`, 'expected the reason', reason);
  }
  for (const key of ['adc', 'inputOnly', 'pwm']) {
    if (key === 'pwm' && mcu.pwm === undefined) continue;
    numbers(check, mcu[key], key).forEach((pin, i) => { if (!gpio.includes(pin)) fail(check, `${key}[${i}]`, `pin ${pin} is not in gpio`); });
  }
  const bits = mcu.adcBits;
  if (bits !== undefined && (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 1 || bits > 24)) {
    got(check, 'adcBits', "expected the ADC's resolution in bits (an integer from 1 to 24)", bits);
  }
  if (mcu.labels !== undefined) labels(check, mcu.labels, gpio);
  return mcu as unknown as Mcu;
}

function labels(check: { file: string }, value: unknown, gpio: number[]): void {
  if (!isObject(value)) got(check, 'labels', 'expected an object of pin → header label', value);
  for (const [pin, label] of Object.entries(value)) {
    if (!gpio.includes(Number(pin))) fail(check, `labels[${quote(pin)}]`, `pin ${pin} is not in gpio`);
    if (typeof label !== 'string' || label === '') got(check, `labels[${quote(pin)}]`, "expected the header's name for the pin", label);
  }
}
